import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { BulkChange, BulkItem } from "@/lib/schemas/bulk";

const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));
const fieldLabel = (f: string) => f.replace(/^(features|settings)\./, "").replace(/_/g, " ");

const OUTCOME: Record<BulkItem["status"], { tone: BadgeTone; done: string; preview: string }> = {
  pending: { tone: "slate", done: "Waiting", preview: "Waiting" },
  running: { tone: "indigo", done: "Running", preview: "Checking" },
  succeeded: { tone: "green", done: "Changed", preview: "Would change" },
  skipped: { tone: "amber", done: "Skipped", preview: "Would skip" },
  failed: { tone: "red", done: "Failed", preview: "Would fail" },
};

export function ChangeList({ changes }: { changes: BulkChange[] }) {
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
      {changes.map((c) => (
        <li key={c.field} className="break-words">
          <span className="font-medium text-slate-700">{fieldLabel(c.field)}</span>: <span className="line-through decoration-slate-400">{show(c.before)}</span> → <span className="font-medium text-slate-900">{show(c.after)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Each tenant of an operation (or of its dry run: `preview`) with its outcome and what changed, or why not. */
export function BulkItemList({ items, preview = false, label }: { items: BulkItem[]; preview?: boolean; label: string }) {
  return (
    <ul aria-label={label} className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-testid="bulk-items">
      {items.map((item) => {
        const o = OUTCOME[item.status];
        return (
          <li key={item.tenant_id} className="px-3 py-2.5 text-sm" data-testid="bulk-item">
            <div className="flex items-start justify-between gap-3">
              <Link href={`/tenants/${item.tenant_id}`} className="min-w-0 truncate font-medium text-slate-900 hover:underline">
                {item.tenant_name}
              </Link>
              <Badge tone={o.tone} className="shrink-0">
                {preview ? o.preview : o.done}
              </Badge>
            </div>
            {item.changes.length > 0 ? <ChangeList changes={item.changes} /> : null}
            {item.reason ? <p className="mt-1 text-xs text-slate-600">{item.reason}</p> : null}
            {item.error ? <p className="mt-1 text-xs break-words text-red-700">{item.error}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
