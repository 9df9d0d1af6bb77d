import { ownerPool } from "@/lib/db/pools";

/**
 * Queries as the database owner (bypasses RLS): for tests to look at what is
 * really in PostgreSQL, never to set up what the code under test should do.
 */
export async function ownerQuery<T extends Record<string, unknown> = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await ownerPool().query<T>(sql, params)).rows;
}

export async function pgSchemaExists(name: string): Promise<boolean> {
  return (await ownerQuery("SELECT 1 FROM pg_namespace WHERE nspname = $1", [name])).length > 0;
}

export async function tablesIn(schema: string): Promise<string[]> {
  const rows = await ownerQuery<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [schema]);
  return rows.map((r) => r.table_name);
}

export type AuditRow = {
  id: string;
  tenant_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: Date;
};

/** Audit events about one target, oldest first, optionally of one action. */
export async function auditEvents(targetId: string, action?: string): Promise<AuditRow[]> {
  return ownerQuery<AuditRow>(
    `SELECT * FROM audit_events WHERE target_id = $1 ${action ? "AND action = $2" : ""} ORDER BY created_at, id`,
    action ? [targetId, action] : [targetId],
  );
}

export async function tenantRow(id: string): Promise<Record<string, unknown> | undefined> {
  return (await ownerQuery("SELECT * FROM tenants WHERE id = $1", [id]))[0];
}
