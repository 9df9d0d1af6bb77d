"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TabPanel, Tabs } from "@/components/ui/tabs";
import { PlanTree } from "./plan-tree";
import type { SqlQueryResult } from "./query-types";
import { ResultGrid } from "./result-grid";
import { downloadText, resultToCsv } from "./result-csv";

type View = "rows" | "plan";

/** One answer of the query API: its figures, the rows (or the count a write affected), the plan, and a CSV of the rows. */
export function QueryResults({ result, tenantId }: { result: SqlQueryResult; tenantId: string }) {
  const [view, setView] = useState<View>("rows");
  const hasRows = result.columns.length > 0;
  const plan = result.query_plan;
  return (
    <Card data-testid="sql-results">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3 sm:px-5">
        <p className="text-[13px] text-slate-600" data-testid="sql-result-summary">
          <span className="font-medium text-slate-900">
            {result.row_count.toLocaleString("en")} {hasRows ? (result.row_count === 1 ? "row" : "rows") : result.row_count === 1 ? "row affected" : "rows affected"}
          </span>
          {" · "}
          {result.execution_time_ms.toLocaleString("en", { maximumFractionDigits: 1 })} ms
          {plan ? <> · est. cost {plan.estimated_cost.toLocaleString("en", { maximumFractionDigits: 2 })}</> : null}
          <span className="text-slate-500"> · {result.schema}</span>
        </p>
        {hasRows ? (
          <Button
            variant="secondary"
            size="sm"
            data-testid="sql-download-csv"
            onClick={() => downloadText(resultToCsv(result.columns, result.rows), `${tenantId}-${result.query_id}.csv`, "text/csv;charset=utf-8")}
          >
            Download CSV
          </Button>
        ) : null}
      </div>
      {result.truncated ? (
        <Alert tone="warning" className="mx-4 mt-3 sm:mx-5" >
          <span data-testid="sql-truncated">Only the first {result.rows.length.toLocaleString("en")} rows are shown: the statement returned more than the row limit. Raise the limit or narrow the query to see the rest.</span>
        </Alert>
      ) : null}
      <div className="px-4 pt-3 sm:px-5">
        <Tabs
          idPrefix="sql-result"
          label="Result views"
          items={[
            { key: "rows", label: "Results" },
            { key: "plan", label: "Plan" },
          ]}
          value={view}
          onChange={setView}
        />
      </div>
      <TabPanel idPrefix="sql-result" tab={view} className="px-4 py-4 sm:px-5">
        {view === "rows" ? (
          hasRows ? (
            <ResultGrid columns={result.columns} rows={result.rows} label="Query results" />
          ) : (
            <p className="text-[13px] text-slate-600">The statement returned no columns.</p>
          )
        ) : (
          <>
            {plan ? (
              <p className="mb-3 text-xs text-slate-500">
                {plan.analyzed ? "Measured with EXPLAIN ANALYZE (the read-only statement ran under it)." : "Estimated with EXPLAIN: a write is planned, never run twice."}
              </p>
            ) : null}
            <PlanTree plan={plan?.plan ?? null} planningMs={plan?.planning_time_ms ?? null} executionMs={plan?.execution_time_ms ?? null} />
          </>
        )}
      </TabPanel>
    </Card>
  );
}
