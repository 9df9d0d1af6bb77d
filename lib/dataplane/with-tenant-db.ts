import type pg from "pg";
import { isTooManyConnectionsError } from "@/lib/db/connection-limit-error";
import { AppError } from "@/lib/http/errors";
import { tenantSchemaName } from "@/lib/dataplane/identifiers";
import { tenantRoleName, type TenantDbRoleKind } from "@/lib/dataplane/tenant-db-roles";
import { connectTenant } from "@/lib/dataplane/tenant-pools";
import { quoteIdent } from "@/lib/db/quote-ident";

export type TenantDbOptions = {
  /** reader: USAGE + SELECT on the schema only; owner: the writer, also used for tenant DDL. */
  as: TenantDbRoleKind;
  /** SET TRANSACTION READ ONLY. Always on for the reader. */
  readOnly?: boolean;
  /** statement_timeout for the transaction, in ms (default 10 s, at most 30 min for owner-side DDL). */
  timeoutMs?: number;
  /** REPEATABLE READ: every statement sees the same snapshot (an export reading many tables). */
  snapshot?: boolean;
};

export type TenantDbContext = { schemaName: string; tenantId: string };

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 30 * 60_000;

/**
 * PostgreSQL's refusals that mean the same to every caller of the data plane,
 * as the API's error codes (seed 000). Anything else is the caller's to map.
 */
export function mapDataplaneError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (code === "57014") return new AppError("query_timeout", "The query ran past its timeout and was cancelled");
  if (code === "42501") return new AppError("schema_access_denied", (err as Error).message || "Permission denied", { sqlstate: "42501" });
  if (code === "53300" || isTooManyConnectionsError(err)) {
    return new AppError("connection_pool_full", "The tenant's database connections are all in use; retry shortly", undefined, { "Retry-After": "1" });
  }
  return err;
}

/**
 * THE way to run SQL in a tenant's schema on a caller's behalf (never Prisma,
 * which cannot switch schemas per query, and never a pooled connection with a
 * session-level search_path). `fn` runs inside one transaction on a connection
 * logged in as the tenant's owner role (lib/dataplane/tenant-pools.ts), with
 * the role, search_path (the schema, then pg_catalog) and statement_timeout all
 * SET LOCAL, so nothing outlives the transaction. COMMIT when `fn` resolves,
 * ROLLBACK when it throws; pg errors 57014/42501/53300 become AppErrors.
 */
export async function withTenantDb<T>(
  tenantId: string,
  opts: TenantDbOptions,
  fn: (client: pg.PoolClient, ctx: TenantDbContext) => Promise<T>,
): Promise<T> {
  const schemaName = await tenantSchemaName(tenantId);
  const readOnly = opts.as === "reader" || opts.readOnly === true;
  const timeoutMs = Math.max(1, Math.min(Math.round(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS), MAX_TIMEOUT_MS));
  let client: pg.PoolClient;
  try {
    client = await connectTenant(tenantId);
  } catch (err) {
    throw mapDataplaneError(err);
  }
  let broken: Error | undefined;
  try {
    // One round trip; an idle transaction left behind by a stuck caller is ended by the server too.
    await client.query(
      `BEGIN${opts.snapshot ? " ISOLATION LEVEL REPEATABLE READ" : ""}${readOnly ? " READ ONLY" : ""}; SET LOCAL ROLE ${quoteIdent(tenantRoleName(tenantId, opts.as))}; ` +
        `SET LOCAL search_path TO ${quoteIdent(schemaName)}, pg_catalog; SET LOCAL statement_timeout = ${timeoutMs}; ` +
        `SET LOCAL idle_in_transaction_session_timeout = ${Math.min(timeoutMs + 60_000, 2_147_483_647)}; ` +
        // A query takes the transaction's first snapshot, after which PostgreSQL refuses
        // `SET TRANSACTION READ WRITE`: a read-only transaction stays read-only whatever fn runs.
        "SELECT 1",
    );
    const result = await fn(client, { schemaName, tenantId });
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch((e: Error) => {
      broken = e;
    });
    throw mapDataplaneError(err);
  } finally {
    // A connection whose rollback failed may be mid-transaction: destroy it rather than pool it.
    client.release(broken);
  }
}
