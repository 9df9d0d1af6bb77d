import type { ReactNode } from "react";
import type { AuditChange } from "./audit-types";
import { flattenChanges } from "./flatten-changes";

const fieldLabel = (path: string) => {
  const s = path.replace(/[._]/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
};

const isEmpty = (v: unknown) => v === null || v === undefined;
const isPrimitive = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

function show(v: unknown): string {
  if (isEmpty(v)) return "";
  if (typeof v === "string") return v;
  return JSON.stringify(v, null, 2);
}

/** For lists of plain values: what was added and what was removed, rather than two long lists to compare by eye. */
function listDelta(before: unknown, after: unknown): { added: unknown[]; removed: unknown[] } | null {
  if (!Array.isArray(before) || !Array.isArray(after) || !before.every(isPrimitive) || !after.every(isPrimitive)) return null;
  return { added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) };
}

function Value({ kind, value }: { kind: "before" | "after"; value: unknown }) {
  const before = kind === "before";
  return (
    <div className={before ? "rounded-md bg-red-50 ring-1 ring-red-200 ring-inset" : "rounded-md bg-emerald-50 ring-1 ring-emerald-200 ring-inset"}>
      <p className={before ? "px-2.5 pt-1.5 text-[11px] font-semibold tracking-wide text-red-800 uppercase" : "px-2.5 pt-1.5 text-[11px] font-semibold tracking-wide text-emerald-800 uppercase"}>{before ? "Before" : "After"}</p>
      {isEmpty(value) ? (
        <p className="px-2.5 pb-1.5 text-[13px] text-slate-600 italic">{before ? "(not set)" : "(removed)"}</p>
      ) : (
        // <del>/<ins> tell screen readers what the colours tell the eye.
        <pre className="overflow-x-auto px-2.5 pb-1.5 font-mono text-[12.5px] leading-5 break-words whitespace-pre-wrap text-slate-900">
          {before ? <del className="no-underline">{show(value)}</del> : <ins className="no-underline">{show(value)}</ins>}
        </pre>
      )}
    </div>
  );
}

function Chips({ label, items, tone }: { label: string; items: unknown[]; tone: "added" | "removed" }): ReactNode {
  if (!items.length) return null;
  return (
    <p className="mt-2 flex flex-wrap items-center gap-1.5 text-[13px]">
      <span className="font-medium text-slate-700">{label}:</span>
      {items.map((x) => (
        <span key={String(x)} className={tone === "added" ? "rounded bg-emerald-50 px-1.5 py-px font-mono text-xs text-emerald-800 ring-1 ring-emerald-200" : "rounded bg-red-50 px-1.5 py-px font-mono text-xs text-red-800 ring-1 ring-red-200"}>
          {tone === "added" ? "+ " : "− "}
          {String(x)}
        </span>
      ))}
    </p>
  );
}

/** The changed fields of one event, each with its value before and after (only fields that changed are listed). */
export function AuditChangeDiff({ changes }: { changes: Record<string, AuditChange> }) {
  const fields = flattenChanges(changes);
  if (!fields.length) return <p className="text-[13px] text-slate-500">This event records no field changes.</p>;
  return (
    <ul className="space-y-4" data-testid="audit-diff">
      {fields.map(({ path: field, ...c }) => {
        const delta = listDelta(c.before, c.after);
        return (
          <li key={field} data-testid="audit-diff-field">
            <p className="mb-1.5 flex flex-wrap items-baseline gap-2 text-[13px] font-medium text-slate-900">
              {fieldLabel(field)}
              <span className="font-mono text-xs font-normal text-slate-500">{field}</span>
              <span className="ml-auto text-xs font-normal text-slate-500">{isEmpty(c.before) ? "Added" : isEmpty(c.after) ? "Removed" : "Changed"}</span>
            </p>
            <div className="grid gap-2 sm:grid-cols-2">
              <Value kind="before" value={c.before} />
              <Value kind="after" value={c.after} />
            </div>
            {delta ? (
              <>
                <Chips label="Added" items={delta.added} tone="added" />
                <Chips label="Removed" items={delta.removed} tone="removed" />
              </>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
