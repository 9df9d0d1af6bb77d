import "server-only";
import { authorize } from "@/lib/auth/authorize";
import { withPlatformSql, withTenantSql, type SqlQuery } from "@/lib/db/sql-scope";
import { auditSelect, type AuditScope } from "@/lib/audit/audit-query";
import { authorizeAuditRead, inAuditScope } from "@/lib/audit/authorize-audit-read";
import { toAuditItem, type AuditRow } from "@/lib/audit/serialize-audit-event";
import { encodeAuditCursor, type AuditListQuery, type AuditListResponse } from "@/lib/schemas/audit";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

export type { AuditScope } from "@/lib/audit/audit-query";

/**
 * One keyset page of the audit log, newest first. The next cursor is the last
 * item's (created_at, id), so rows with equal timestamps are neither skipped
 * nor repeated, and a deep page costs what the first does.
 */
export async function listAuditEvents(actor: TenantActor, scope: AuditScope, query: AuditListQuery): Promise<AuditListResponse> {
  // One row more than the page tells whether another page exists.
  const { text, values } = auditSelect(scope, query, { cursor: query.cursor, limit: query.limit + 1 });
  let rows: AuditRow[];
  if (actor.kind === "platform") {
    // Staff are authorised by what their caller holds, so the read needs no ORM transaction (a few ms less per page).
    authorize(actor.caller, "audit:read");
    const read = (q: SqlQuery) => q<AuditRow>(text, values);
    rows = await (scope.kind === "tenant" ? withTenantSql(scope.tenantId, read) : withPlatformSql(read));
  } else {
    // Members and tenant keys: their permissions are read in the same transaction as the rows.
    rows = await inAuditScope(scope, async (tx) => {
      await authorizeAuditRead(tx, actor, scope);
      return tx.$queryRawUnsafe<AuditRow[]>(text, ...values);
    });
  }
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAuditItem),
    next_cursor: rows.length > query.limit && last ? encodeAuditCursor({ createdAt: last.created_at, id: last.id }) : null,
  };
}
