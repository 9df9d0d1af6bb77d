"use client";

import { formatDateTime } from "@/components/console/format";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { HistoryEntry } from "./query-history";

/** The queries this browser ran on the tenant, newest first; choosing one puts its text back in the editor. */
export function QueryHistoryPanel({ entries, onPick, onClear }: { entries: HistoryEntry[]; onPick: (sql: string) => void; onClear: () => void }) {
  return (
    <Card className="self-start" data-testid="sql-history">
      <div className="border-b border-slate-200 px-5 py-4">
        <div className="flex items-center justify-between gap-2">
          <h2 id="sql-history-title" className="text-sm font-semibold text-slate-900">
            History
          </h2>
          {entries.length ? (
            <Button variant="ghost" size="sm" className="-my-1.5 -mr-2.5" onClick={onClear}>
              Clear
            </Button>
          ) : null}
        </div>
        <p className="mt-0.5 text-[13px] text-slate-500">Kept in this browser only: the last 50.</p>
      </div>
      {entries.length === 0 ? (
        <p className="px-5 py-4 text-[13px] text-slate-500">Statements you run appear here.</p>
      ) : (
        <ol aria-labelledby="sql-history-title" className="max-h-[32rem] divide-y divide-slate-100 overflow-y-auto">
          {entries.map((e) => (
            <li key={`${e.ran_at}-${e.sql}`}>
              <button
                type="button"
                data-testid="sql-history-item"
                onClick={() => onPick(e.sql)}
                className="block w-full px-4 py-2.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600"
              >
                <span className="line-clamp-2 font-mono text-xs [overflow-wrap:anywhere] text-slate-800">{e.sql}</span>
                <span className="mt-1 flex flex-wrap gap-x-2 text-[11px] text-slate-500">
                  <time dateTime={e.ran_at}>{formatDateTime(e.ran_at)}</time>
                  {e.outcome.ok ? (
                    <span>
                      {e.outcome.row_count.toLocaleString("en")} rows · {e.outcome.execution_time_ms} ms
                    </span>
                  ) : (
                    <span className="text-red-700">{e.outcome.code}</span>
                  )}
                  {e.read_only ? null : <span className="font-medium text-amber-800">write</span>}
                </span>
                <span className="sr-only">, load into the editor</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
