import { randomBytes } from "node:crypto";
import pg from "pg";
import type { Tx } from "@/lib/db/prisma";
import { ownerPool } from "@/lib/db/pools";
import { withPlatformScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { openSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { quoteIdent } from "@/lib/db/quote-ident";

/**
 * The PostgreSQL role that owns a tenant's connections to its schema. Roles are
 * cluster-wide, so the name comes from the tenant id (unique, never reused)
 * rather than the slug or schema name (reusable after a purge). Issue 11 creates
 * it (LOGIN, CONNECTION LIMIT from the tenant's limits); the data plane builds on it.
 */
export function tenantDbRoleName(tenantId: string): string {
  return `${tenantId}_owner`.slice(0, 63);
}

/** PostgreSQL's "too many connections for role": the role's CONNECTION LIMIT is reached. */
export const CONNECTION_LIMIT_SQLSTATE = "53300";
export const isConnectionLimitError = (err: unknown) => (err as { code?: unknown } | null)?.code === CONNECTION_LIMIT_SQLSTATE;

/**
 * Makes the tenant's role agree with its row, inside the caller's transaction
 * (migration 20261206020000_tenant_db_roles): creates it if missing, sets
 * CONNECTION LIMIT to the row's database_connections (null → -1, unlimited)
 * and grants it its own schema. Returns the limit now in force.
 */
export async function syncTenantDbRole(tx: Tx, tenantId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ limit: number }[]>`SELECT atrium_sync_tenant_db_role(${tenantId}) AS "limit"`;
  return row.limit;
}


/**
 * Gives the role a fresh random password and stores it sealed. PASSWORD is a
 * role attribute only the owner may set, so this runs on the owner's pool;
 * the sealed copy is written after, so a crash between the two leaves a role
 * whose password nobody knows, which the next call replaces.
 */
async function resetPassword(tenantId: string): Promise<string> {
  const role = tenantDbRoleName(tenantId);
  const password = randomBytes(24).toString("base64url");
  const client = await ownerPool().connect();
  try {
    await client.query(`ALTER ROLE ${quoteIdent(role)} PASSWORD ${client.escapeLiteral(password)}`);
  } finally {
    client.release();
  }
  await withPlatformScope((tx) => tx.tenantDbRole.update({ where: { tenantId }, data: { passwordSealed: sealSecret(password), passwordSetAt: new Date() } }));
  return password;
}

/**
 * Creates the role for a freshly provisioned tenant (or one that predates
 * roles): syncs it with the row, then sets its password.
 */
export async function provisionTenantDbRole(tenantId: string): Promise<void> {
  await withPlatformScope((tx) => syncTenantDbRole(tx, tenantId));
  await resetPassword(tenantId);
}

/** The role's login: name and password (set now if the role never had one). */
export async function tenantDbCredentials(tenantId: string): Promise<{ user: string; password: string }> {
  // Synced only when the record is missing (a tenant older than roles): grants on every login would be needless catalog writes.
  const stored = await withPlatformScope(async (tx) => {
    const found = await tx.tenantDbRole.findUnique({ where: { tenantId } });
    if (found) return found;
    await syncTenantDbRole(tx, tenantId);
    return tx.tenantDbRole.findUniqueOrThrow({ where: { tenantId } });
  });
  const password = stored.passwordSealed ? openSecret(stored.passwordSealed) : await resetPassword(tenantId);
  return { user: stored.roleName, password };
}

/**
 * Runs `fn` on a new connection logged in as the tenant's own role (not the
 * app's pool), closed afterwards. PostgreSQL enforces the role's CONNECTION
 * LIMIT at login: past it, connect() rejects with SQLSTATE 53300
 * (isConnectionLimitError), which the HTTP layer answers as 429 connection_pool_full.
 */
export async function withTenantRoleConnection<T>(tenantId: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const { user, password } = await tenantDbCredentials(tenantId);
  const url = new URL(env.databaseUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(password);
  const client = new pg.Client({ connectionString: url.toString() });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Removes the roles (owner and reader) once the schema is gone (purge, failed provisioning): ends
 * its sessions, drops what it owns or was granted in this database, then the
 * role. Idempotent: a missing role is not an error.
 */
export async function dropTenantDbRole(tenantId: string): Promise<void> {
  const role = tenantDbRoleName(tenantId);
  // The reader (issue 12) goes first: the owner is a member of it.
  const roles = [`${tenantId}_reader`.slice(0, 63), role];
  const client = await ownerPool().connect();
  try {
    for (const r of roles) {
      const exists = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [r]);
      if (exists.rowCount === 0) continue;
      await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [r]);
      await client.query(`DROP OWNED BY ${quoteIdent(r)} CASCADE`);
      await client.query(`DROP ROLE IF EXISTS ${quoteIdent(r)}`);
    }
  } finally {
    client.release();
  }
}
