"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export type GroupRow = { group: string; role: string };
export type RoleOption = { id: string; name: string };

/** Group → role rows; the first row naming one of a new member's groups decides their role. */
export function GroupRoleMapping({ rows, roles, onChange, error }: { rows: GroupRow[]; roles: RoleOption[]; onChange: (rows: GroupRow[]) => void; error?: string }) {
  const set = (i: number, patch: Partial<GroupRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="min-w-0">
      <legend className="mb-1.5 text-[13px] font-medium text-slate-700">Group → role mapping</legend>
      <p className="mb-2 text-xs text-slate-500">New members join with the role of the first row naming one of their groups, otherwise the default role.</p>
      <ul className="space-y-2">
        {rows.map((r, i) => (
          <li key={i} className="flex flex-wrap items-center gap-2 sm:flex-nowrap">
            <Input aria-label={`Group ${i + 1}`} value={r.group} onChange={(e) => set(i, { group: e.target.value })} placeholder="engineering" className="min-w-0 flex-1" />
            <Select aria-label={`Role for group ${i + 1}`} value={r.role} onChange={(e) => set(i, { role: e.target.value })} className="w-full sm:w-44">
              {roles.map((role) => (
                <option key={role.id} value={role.id}>
                  {role.name}
                </option>
              ))}
            </Select>
            <Button variant="ghost" size="sm" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={`Remove group ${i + 1}`}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      {error ? <p className="mt-1.5 text-xs text-red-600">{error}</p> : null}
      <Button variant="secondary" size="sm" className="mt-2" onClick={() => onChange([...rows, { group: "", role: roles.find((r) => r.id === "member")?.id ?? roles[0]?.id ?? "" }])}>
        Add a group
      </Button>
    </fieldset>
  );
}
