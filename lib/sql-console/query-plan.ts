import type pg from "pg";
import type { SqlQueryPlan } from "@/lib/schemas/sql-query";
import { round } from "@/lib/sql-console/execute-statement";

type ExplainJson = [{ Plan: Record<string, unknown>; "Planning Time"?: number; "Execution Time"?: number }];

/**
 * The plan of a statement that already passed the checks, in the same
 * transaction. Read-only statements get EXPLAIN ANALYZE (they run a second
 * time, still read-only and under the same timeout) for actual times; writes
 * only EXPLAIN, so they are never executed twice. Extended protocol here too.
 */
export async function explainStatement(client: pg.PoolClient, sql: string, values: readonly unknown[], analyze: boolean): Promise<SqlQueryPlan> {
  // queryMode is pg's (8.11+) but missing from @types/pg: without it an empty `values` would fall back to the simple protocol.
  const config = { text: `EXPLAIN (${analyze ? "ANALYZE, " : ""}FORMAT JSON) ${sql}`, values: [...values], queryMode: "extended" } as pg.QueryConfig;
  const r = await client.query<{ "QUERY PLAN": ExplainJson }>(config);
  const [top] = r.rows[0]["QUERY PLAN"];
  const plan = top.Plan;
  const num = (v: unknown) => (typeof v === "number" ? v : null);
  return {
    estimated_cost: num(plan["Total Cost"]) ?? 0,
    actual_cost: analyze ? num(plan["Actual Total Time"]) : null,
    execution_time_ms: analyze && typeof top["Execution Time"] === "number" ? round(top["Execution Time"]) : null,
    planning_time_ms: typeof top["Planning Time"] === "number" ? round(top["Planning Time"]) : null,
    analyzed: analyze,
    plan,
  };
}
