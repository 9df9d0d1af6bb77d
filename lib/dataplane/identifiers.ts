import type pg from "pg";
import { ownerPool } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { quoteIdent } from "@/lib/db/quote-ident";

/** `"schema"."name"`, both parts quoted. */
export function qualifiedName(schemaName: string, name: string): string {
  return `${quoteIdent(schemaName)}.${quoteIdent(name)}`;
}

/**
 * The schema's OID, or null when it does not exist. Catalogue queries filter
 * by it first (pg_class.relnamespace = $oid uses pg_class's namespace index),
 * so their cost follows one tenant's objects, not the whole cluster's.
 */
export async function schemaOid(schemaName: string, db: Pick<pg.Pool, "query"> | pg.PoolClient = ownerPool()): Promise<number | null> {
  const r = await db.query<{ oid: number }>("SELECT oid::int8::float8 AS oid FROM pg_catalog.pg_namespace WHERE nspname = $1", [schemaName]);
  return r.rows[0]?.oid ?? null;
}

// A tenant's schema name never changes (a restore swaps schemas under the same name), so it is
// remembered briefly: the lookup is a platform-scope transaction, most of withTenantDb's own cost.
// Briefly, so a purged tenant is not found for long; its dropped role refuses the login anyway.
const SCHEMA_NAME_TTL_MS = 30_000;
const schemaNames = new Map<string, { name: string; at: number }>();

/** The tenant's schema name (404 tenant_not_found for an unknown tenant). */
export async function tenantSchemaName(tenantId: string): Promise<string> {
  const hit = schemaNames.get(tenantId);
  if (hit && Date.now() - hit.at < SCHEMA_NAME_TTL_MS) return hit.name;
  const t = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { schemaName: true } }), { retry: false });
  if (!t) {
    schemaNames.delete(tenantId);
    throw new AppError("tenant_not_found", "Tenant not found");
  }
  if (schemaNames.size >= 10_000) schemaNames.clear();
  schemaNames.set(tenantId, { name: t.schemaName, at: Date.now() });
  return t.schemaName;
}

/** Forgets a tenant's schema name (purge), so the next call looks the tenant up again. */
export function forgetTenantSchemaName(tenantId: string): void {
  schemaNames.delete(tenantId);
}
