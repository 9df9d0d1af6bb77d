"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { archiveTemplateAction, compareWithTemplateAction } from "@/lib/actions/template-actions";
import type { TemplateDiffEntry } from "@/lib/templates/template-diff";

type Version = { version: number; created_by: string | null; created_at: string; tenant_count: number };

/** The template's versions, newest first; each opens in the editor. */
export function VersionHistory({ templateId, versions, viewing }: { templateId: string; versions: Version[]; viewing: number }) {
  return (
    <Card>
      <CardHeader title="Version history" description="Saving adds a version; tenants keep theirs." />
      <ol aria-label="Versions" className="divide-y divide-slate-100">
        {versions.map((v) => (
          <li key={v.version} className={cn("flex items-center justify-between gap-3 border-l-2 px-5 py-2.5 text-[13px]", v.version === viewing ? "border-indigo-600" : "border-transparent")} data-testid="template-version">
            <div className="min-w-0">
              <Link href={`/templates/${templateId}?version=${v.version}`} aria-current={v.version === viewing ? "page" : undefined} className="font-medium text-slate-900 hover:underline">
                Version {v.version}
              </Link>
              <p className="truncate text-xs text-slate-500">
                {new Date(v.created_at).toISOString().slice(0, 16).replace("T", " ")} UTC · {v.created_by ?? "—"}
              </p>
            </div>
            <span className="shrink-0 text-xs text-slate-500 tabular-nums">
              {v.tenant_count} tenant{v.tenant_count === 1 ? "" : "s"}
            </span>
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** A value as one short line; the recorded template is shown by its version. */
function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v !== "object") return String(v);
  const o = v as Record<string, unknown>;
  if ("id" in o && "version" in o) return `version ${String(o.version)}`;
  if (Array.isArray(o.permissions)) return (o.permissions as string[]).join(", ") || "no permissions";
  if (Array.isArray(o.event_types)) return (o.event_types as string[]).join(", ");
  return JSON.stringify(v);
}

/** "Compare with template": what applying the viewed version to one of the template's tenants would change. */
export function CompareWithTemplate({ templateId, version, tenants }: { templateId: string; version: number; tenants: { id: string; name: string; template_version: number | null }[] }) {
  const [tenantId, setTenantId] = useState(tenants[0]?.id ?? "");
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<{ tenantId: string; diff: TemplateDiffEntry[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const compare = () =>
    startTransition(async () => {
      setError(null);
      const r = await compareWithTemplateAction({ templateId, tenantId, version });
      if (r.ok) setResult({ tenantId, diff: r.data.diff });
      else setError(r.message);
    });
  return (
    <Card>
      <CardHeader title="Compare with template" description={`What applying version ${version} to a tenant from this template would change.`} />
      <CardBody className="space-y-3">
        {tenants.length === 0 ? (
          <p className="text-[13px] text-slate-500">No tenant records this template yet.</p>
        ) : (
          <>
            <div className="flex items-end gap-2">
              <Field id="compare-tenant" label="Tenant" className="flex-1">
                {(a) => (
                  <Select {...a} value={tenantId} onChange={(e) => setTenantId(e.target.value)}>
                    {tenants.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name} (v{t.template_version})
                      </option>
                    ))}
                  </Select>
                )}
              </Field>
              <Button variant="secondary" onClick={compare} loading={pending}>
                Compare
              </Button>
            </div>
            {error ? <Alert tone="danger">{error}</Alert> : null}
            {result && result.tenantId === tenantId ? (
              result.diff.length === 0 ? (
                <p role="status" className="text-[13px] text-emerald-700">
                  The tenant matches this version.
                </p>
              ) : (
                <ul role="status" aria-label="Differences" className="divide-y divide-slate-100 rounded-md border border-slate-200 text-[13px]">
                  {result.diff.map((d) => (
                    <li key={d.field} className="px-3 py-2" data-testid="template-diff-entry">
                      <p className="font-mono text-xs font-medium break-all text-slate-900">{d.field}</p>
                      <p className="mt-0.5 break-all text-slate-600">
                        <span className="text-red-700 line-through decoration-red-300">{show(d.before)}</span> <span aria-hidden="true">→</span>
                        <span className="sr-only">becomes</span> <span className="text-emerald-800">{show(d.after)}</span>
                      </p>
                    </li>
                  ))}
                </ul>
              )
            ) : null}
          </>
        )}
      </CardBody>
    </Card>
  );
}

/** DELETE archives; built-ins cannot be. */
export function ArchiveTemplateButton({ templateId, name }: { templateId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button variant="danger-outline" onClick={() => setOpen(true)}>
        Archive
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Archive ${name}?`}
        description="It leaves the template pickers and cannot be edited. Its versions stay, and tenants keep the version they came from."
        confirmLabel="Archive template"
        pending={pending}
        error={error}
        onConfirm={() =>
          startTransition(async () => {
            const r = await archiveTemplateAction(templateId);
            if (!r.ok) return setError(r.message);
            setOpen(false);
            router.push("/templates");
            router.refresh();
          })
        }
      />
    </>
  );
}
