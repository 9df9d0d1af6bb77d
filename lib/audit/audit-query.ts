import type { AuditCursor, AuditFilters } from "@/lib/schemas/audit";
import { PLATFORM_EVENTS } from "@/lib/schemas/audit";

/** Whose events: one tenant's, or (platform staff) every tenant's and the platform's own. */
export type AuditScope = { kind: "tenant"; tenantId: string } | { kind: "platform" };

/** The columns an item is built from (lib/audit/serialize-audit-event.ts). */
export const AUDIT_COLUMNS = `e.id, e.tenant_id, t.name AS tenant_name, e.actor_type, e.actor_id, e.actor_label, u.name AS actor_name,
  e.action, e.target_type, e.target_id, e.target_label, e.before, e.after, e.ip, e.user_agent, e.request_id, e.created_at`;

const FROM = `audit_events e
  LEFT JOIN tenants t ON t.id = e.tenant_id
  LEFT JOIN users u ON e.actor_type = 'user' AND u.id = e.actor_id`;

/** LIKE's wildcards (`_` is in event type names) and its escape character, taken literally. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One parameterised statement for the list and the export: WHERE from the
 * scope and filters, newest first with the id as tie-break, so keyset pages
 * follow the indexes of migration 20261205020000_audit_read. The action is
 * compared in the "C" collation those indexes use.
 */
export function auditSelect(scope: AuditScope, f: AuditFilters, page?: { cursor?: AuditCursor; limit: number }): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const p = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where: string[] = [];
  if (scope.kind === "tenant") where.push(`e.tenant_id = ${p(scope.tenantId)}`);
  else if (f.tenant_id === PLATFORM_EVENTS) where.push("e.tenant_id IS NULL");
  else if (f.tenant_id !== undefined) where.push(`e.tenant_id = ${p(f.tenant_id)}`);

  if (f.event_type && !f.event_type.prefixes.includes("")) {
    const { exact, prefixes } = f.event_type;
    const alternatives = [
      ...(exact.length === 1 ? [`e.action COLLATE "C" = ${p(exact[0])}`] : exact.length > 1 ? [`e.action COLLATE "C" = ANY(${p(exact)}::text[])`] : []),
      ...prefixes.map((prefix) => `e.action COLLATE "C" LIKE ${p(`${likeLiteral(prefix)}%`)}`),
    ];
    where.push(alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(" OR ")})`);
  }
  if (f.actor !== undefined) {
    const actor = p(f.actor);
    where.push(`(e.actor_id = ${actor} OR (e.actor_type = 'user' AND e.actor_label = lower(${actor})))`);
  }
  if (f.target_type !== undefined) where.push(`e.target_type = ${p(f.target_type)}`);
  if (f.target_id !== undefined) where.push(`e.target_id = ${p(f.target_id)}`);
  if (f.from !== undefined) where.push(`e.created_at >= ${p(f.from)}::timestamptz`);
  if (f.to !== undefined) where.push(`e.created_at < ${p(f.to)}::timestamptz`);
  if (f.q !== undefined) {
    where.push(`atrium_audit_search_text(e.actor_label, e.target_label, e.target_id, e.before, e.after) LIKE ${p(`%${likeLiteral(f.q.toLowerCase())}%`)}`);
  }
  if (f.ip !== undefined) where.push(`atrium_try_inet(e.ip) <<= ${p(f.ip)}::inet`);
  if (page?.cursor) where.push(`(e.created_at, e.id) < (${p(page.cursor.createdAt)}::timestamptz, ${p(page.cursor.id)})`);

  const text = `SELECT ${AUDIT_COLUMNS} FROM ${FROM}
    ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY e.created_at DESC, e.id DESC${page ? ` LIMIT ${p(page.limit)}` : ""}`;
  return { text, values };
}
