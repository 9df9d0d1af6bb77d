"use client";

import { cn } from "@/components/ui/cn";
import { TENANT_PERMISSIONS, TENANT_PERMISSION_INFO, type TenantPermission } from "@/lib/tenant-access/permissions";

/**
 * Every tenant permission with its label and description. Ones the viewer may
 * not grant are shown but disabled, with the reason, so the list never hides
 * what exists.
 */
export function PermissionChecklist({
  value,
  onChange,
  grantable,
  blockedReason,
  idPrefix,
}: {
  value: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
  grantable: (p: TenantPermission) => boolean;
  blockedReason: (p: TenantPermission) => string;
  idPrefix: string;
}) {
  const toggle = (p: string, on: boolean) => {
    const next = new Set(value);
    if (on) next.add(p);
    else next.delete(p);
    onChange(next);
  };
  return (
    <fieldset>
      <legend className="sr-only">Permissions</legend>
      <ul className="grid gap-x-4 gap-y-1 sm:grid-cols-2">
        {TENANT_PERMISSIONS.map((p) => {
          const enabled = grantable(p);
          const id = `${idPrefix}-${p.replace(":", "-")}`;
          return (
            <li key={p}>
              <label htmlFor={id} className={cn("flex items-start gap-2.5 rounded-md p-2", enabled ? "cursor-pointer hover:bg-slate-50" : "cursor-not-allowed opacity-60")} title={enabled ? undefined : blockedReason(p)}>
                <input
                  id={id}
                  type="checkbox"
                  className="mt-0.5 size-4 rounded border-slate-300 accent-indigo-600"
                  checked={value.has(p)}
                  disabled={!enabled}
                  onChange={(e) => toggle(p, e.target.checked)}
                />
                <span className="min-w-0">
                  <span className="block text-[13px] font-medium text-slate-900">{TENANT_PERMISSION_INFO[p].label}</span>
                  <span className="block text-xs text-slate-500">{enabled ? TENANT_PERMISSION_INFO[p].description : blockedReason(p)}</span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

export function PermissionChips({ permissions }: { permissions: readonly string[] }) {
  if (permissions.length === 0) return <span className="text-xs text-slate-500">No permissions</span>;
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Permissions">
      {permissions.map((p) => (
        // People read labels ("View members"); the code stays in the title for those who script against it.
        <li key={p} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700" title={`${TENANT_PERMISSION_INFO[p as TenantPermission]?.description ?? p} (${p})`}>
          {TENANT_PERMISSION_INFO[p as TenantPermission]?.label ?? p}
        </li>
      ))}
    </ul>
  );
}
