"use client";

import { Button, buttonClasses } from "@/components/ui/button";
import { Menu } from "@/components/ui/menu";
import { BULK_OPERATION_LABELS, type BulkOperationName } from "@/lib/schemas/bulk";

const DANGER = new Set<BulkOperationName>(["deactivate", "delete"]);

/**
 * Stays at the bottom of the screen while tenants are selected: how many,
 * the operations the signed-in staff member may run on them, and Clear.
 */
export function BulkActionBar({ count, allMatching, operations, onChoose, onClear }: { count: number; allMatching: boolean; operations: BulkOperationName[]; onChoose: (op: BulkOperationName) => void; onClear: () => void }) {
  return (
    <div role="region" aria-label="Bulk actions" data-testid="bulk-bar" className="sticky bottom-3 z-20 mt-3">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-x-3 gap-y-2 rounded-xl bg-white px-4 py-2.5 text-sm text-slate-900 shadow-xl ring-1 ring-slate-300">
        <p className="min-w-0 flex-1 font-medium" aria-live="polite">
          {allMatching ? `All ${count.toLocaleString("en-US")} matching tenants selected` : `${count.toLocaleString("en-US")} selected`}
        </p>
        <div className="flex items-center gap-2">
          <Button variant="ghost" size="sm" onClick={onClear}>
            Clear
          </Button>
          {operations.length > 0 ? (
            <Menu
              side="above"
              align="right"
              trigger={
                <>
                  Actions
                  <svg viewBox="0 0 16 16" className="size-4" fill="none" aria-hidden="true">
                    <path d="m4.5 9.5 3.5-3.5 3.5 3.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                </>
              }
              triggerClassName={buttonClasses("primary", "sm")}
              items={operations.map((op) => ({ key: op, label: BULK_OPERATION_LABELS[op], danger: DANGER.has(op), onSelect: () => onChoose(op) }))}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
