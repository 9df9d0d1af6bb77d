import { randomBytes } from "node:crypto";
import type { Caller } from "@/lib/auth/caller";
import { authorize } from "@/lib/auth/authorize";
import { withTenantDb } from "@/lib/dataplane/with-tenant-db";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { parseOrThrow } from "@/lib/http/errors";
import { sqlQueryRequestSchema, type SqlQueryRequestInput, type SqlQueryResponse } from "@/lib/schemas/sql-query";
import { resolveTenantAccess, requirePermission, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { checkTenantStatement, rejection, type CheckedStatement } from "@/lib/sql-console/check-statement";
import { executeStatement, round } from "@/lib/sql-console/execute-statement";
import { explainStatement } from "@/lib/sql-console/query-plan";
import { redactParameters, statementForAudit } from "@/lib/sql-console/redact";
import { asQueryFailure } from "@/lib/sql-console/query-failure";

/**
 * The SQL console (POST /api/v1/tenants/{id}/query), one statement per call,
 * behind four independent layers:
 * 1. check-statement.ts: PostgreSQL's parser and allowlists (one statement,
 *    the right kind, allowed functions/types, tenant relations only);
 * 2. the extended-query protocol (execute-statement.ts): no second statement
 *    can ride along, parameters are bound, never spliced;
 * 3. withTenantDb's transaction: READ ONLY for reads, statement_timeout;
 * 4. the tenant's own role (reader for reads, owner for writes), which has
 *    no rights outside the tenant's schema.
 * Each layer alone stops the worst statements; tests bypass layer 1 to show it.
 * Every call that got past authorisation is audited, refused ones included.
 */
export async function runTenantQuery(actor: TenantActor, tenantId: string, body: SqlQueryRequestInput): Promise<SqlQueryResponse> {
  const input = parseOrThrow(sqlQueryRequestSchema, body);
  const auditCaller = await authorizeQuery(actor, tenantId, input.read_only);
  const queryId = `q_${randomBytes(8).toString("hex")}`;
  const started = performance.now();
  const audit = { queryId, tenantId, caller: auditCaller, query: input.query, parameters: input.parameters, readOnly: input.read_only };
  let checked: CheckedStatement | null = null;
  try {
    return await withTenantDb(tenantId, { as: input.read_only ? "reader" : "owner", readOnly: input.read_only, timeoutMs: input.timeout_ms }, async (client, ctx) => {
      checked = await checkTenantStatement(input.query, { readOnly: input.read_only, schemaName: ctx.schemaName });
      checkParameterCount(checked, input.parameters.length, input.query);
      const run = await executeStatement(client, input.query, input.parameters, input.limit_rows);
      const plan = input.include_plan && !checked.isExplain ? await explainStatement(client, input.query, input.parameters, input.read_only) : null;
      // Inside the tenant's transaction: if the audit row cannot be written, a write does not commit either.
      await recordQuery(audit, { outcome: "ok", kind: checked.kind, durationMs: round(performance.now() - started), rowCount: run.rowCount, truncated: run.truncated });
      return {
        query_id: queryId,
        statement_kind: checked.kind,
        read_only: input.read_only,
        execution_time_ms: run.executionTimeMs,
        row_count: run.rowCount,
        columns: run.columns,
        rows: run.rows,
        truncated: run.truncated,
        schema: ctx.schemaName,
        query_plan: plan,
      };
    });
  } catch (err) {
    const failure = asQueryFailure(err);
    if (failure && failure.code !== "tenant_not_found") {
      const kind = (checked as CheckedStatement | null)?.kind ?? null;
      const outcome = failure.code === "query_rejected" ? "rejected" : failure.code === "query_timeout" ? "timeout" : "failed";
      await recordQuery(audit, { outcome, kind, durationMs: round(performance.now() - started), error: { code: failure.code, message: failure.message, details: failure.details } });
    }
    throw failure ?? err;
  }
}

/** Reads need data:read, writes data:write, for platform staff as for the tenant's members and keys. */
async function authorizeQuery(actor: TenantActor, tenantId: string, readOnly: boolean): Promise<Caller> {
  const permission = readOnly ? "data:read" : "data:write";
  if (actor.kind === "platform") {
    authorize(actor.caller, permission);
    return actor.caller;
  }
  return withTenantScope(tenantId, async (tx) => {
    const access = await resolveTenantAccess(tx, actor, tenantId);
    requirePermission(access, permission);
    return access.auditCaller;
  });
}

function checkParameterCount(checked: CheckedStatement, given: number, sql: string): void {
  if (checked.maxParameter === given) return;
  const position = checked.maxParameter > given ? Math.max(0, sql.indexOf(`$${checked.maxParameter}`)) : 0;
  throw rejection(
    "parameter_count",
    checked.maxParameter > given
      ? `The statement uses $${checked.maxParameter} but ${given} parameter${given === 1 ? " was" : "s were"} given`
      : `${given} parameter${given === 1 ? " was" : "s were"} given but the statement uses ${checked.maxParameter === 0 ? "none" : `only up to $${checked.maxParameter}`}`,
    position,
  );
}

type AuditContext = { queryId: string; tenantId: string; caller: Caller; query: string; parameters: unknown[]; readOnly: boolean };
type Outcome = {
  outcome: "ok" | "rejected" | "failed" | "timeout";
  kind: string | null;
  durationMs: number;
  rowCount?: number;
  truncated?: boolean;
  error?: { code: string; message: string; details?: unknown };
};

/** data.query_run for statements that ran, data.query_refused for the rest; parameters as types and lengths only. */
function recordQuery(a: AuditContext, o: Outcome): Promise<void> {
  return withTenantScope(a.tenantId, (tx) =>
    publishEvent(tx, a.caller, {
      tenantId: a.tenantId,
      action: o.outcome === "ok" ? "data.query_run" : "data.query_refused",
      targetType: "tenant",
      targetId: a.tenantId,
      after: {
        query_id: a.queryId,
        ...statementForAudit(a.query),
        parameters: redactParameters(a.parameters),
        read_only: a.readOnly,
        statement_kind: o.kind,
        outcome: o.outcome,
        duration_ms: o.durationMs,
        ...(o.rowCount !== undefined ? { row_count: o.rowCount, truncated: o.truncated } : {}),
        ...(o.error ? { error: o.error } : {}),
      },
    }),
  );
}


