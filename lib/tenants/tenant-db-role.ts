/**
 * The PostgreSQL role that owns a tenant's connections to its schema. Roles are
 * cluster-wide, so the name comes from the tenant id (unique, never reused)
 * rather than the slug or schema name (reusable after a purge). Issue 11 creates
 * it (LOGIN, CONNECTION LIMIT from the tenant's limits); the data plane builds on it.
 */
export function tenantDbRoleName(tenantId: string): string {
  return `${tenantId}_owner`.slice(0, 63);
}
