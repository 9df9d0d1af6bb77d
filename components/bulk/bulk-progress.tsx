"use client";

import { useState } from "react";
import { BulkCount as Count } from "@/components/bulk/bulk-count";
import { BulkItemList } from "@/components/bulk/bulk-item-list";
import { isFinished, useBulkOperation } from "@/components/bulk/use-bulk-operation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ProgressBar } from "@/components/ui/progress-bar";
import { Select } from "@/components/ui/select";
import type { BulkItemStatus } from "@/lib/schemas/bulk";

const SHOW: { value: "" | BulkItemStatus; label: string }[] = [
  { value: "", label: "All tenants" },
  { value: "failed", label: "Failed" },
  { value: "skipped", label: "Skipped" },
  { value: "succeeded", label: "Changed" },
];

/** A real run: the live bar while it works, then the results by outcome, with "Retry failed". */
export function BulkProgress({ operationId, onRetry, retrying }: { operationId: string; onRetry: (id: string) => void; retrying: boolean }) {
  const [show, setShow] = useState<"" | BulkItemStatus>("");
  const op = useBulkOperation(operationId);
  const listed = useBulkOperation(show ? operationId : null, show || undefined);
  const d = op.data;
  if (!d) return op.isError ? <Alert tone="danger" title="Could not load the operation">{op.error.message}</Alert> : <p className="text-sm text-slate-600">Starting…</p>;
  const c = d.counts;
  const done = c.succeeded + c.skipped;
  const finished = isFinished(d);
  const items = show ? listed.data?.items : d.items;
  return (
    <div className="space-y-4" data-testid="bulk-progress">
      <ProgressBar
        label="Bulk operation progress"
        value={c.total ? (done * 100) / c.total : 100}
        failed={c.total ? (c.failed * 100) / c.total : 0}
        // Failures draw in red beside the done part; the done part stays green.
        tone={finished ? "green" : "indigo"}
        text={`${(done + c.failed).toLocaleString("en-US")} of ${c.total.toLocaleString("en-US")} done${c.failed ? ` · ${c.failed} failed` : ""}${finished ? "" : " · working…"}`}
        testId="bulk-progress-bar"
      />
      {finished ? (
        <div className="space-y-3" data-testid="bulk-results">
          <dl className="grid grid-cols-3 gap-2 text-center">
            <Count label="Changed" value={c.succeeded} tone="text-emerald-700" testId="bulk-count-changed" />
            <Count label="Skipped" value={c.skipped} tone="text-amber-800" testId="bulk-count-skipped" />
            <Count label="Failed" value={c.failed} tone="text-red-700" testId="bulk-count-failed" />
          </dl>
          <div className="flex flex-wrap items-end justify-between gap-2">
            <Select aria-label="Show tenants" value={show} onChange={(e) => setShow(e.target.value as "" | BulkItemStatus)} className="w-40">
              {SHOW.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </Select>
            {c.failed > 0 ? (
              <Button variant="secondary" loading={retrying} onClick={() => onRetry(d.operation_id)} data-testid="bulk-retry">
                Retry {c.failed} failed
              </Button>
            ) : null}
          </div>
          {d.retry_of ? <p className="text-xs text-slate-500">A retry of the failed tenants of {d.retry_of}.</p> : null}
          {items ? <BulkItemList items={items} label="Results per tenant" /> : <p className="text-sm text-slate-600">Loading…</p>}
          {items && (show ? listed.data : d)!.pagination.total_count > items.length ? (
            <p className="text-xs text-slate-500">
              The first {items.length}; GET /api/v1/tenants/bulk/{d.operation_id} pages through the rest.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
