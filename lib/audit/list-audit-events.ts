import "server-only";
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
  return inAuditScope(scope, async (tx) => {
    await authorizeAuditRead(tx, actor, scope);
    // One row more than the page tells whether another page exists.
    const { text, values } = auditSelect(scope, query, { cursor: query.cursor, limit: query.limit + 1 });
    const rows = await tx.$queryRawUnsafe<AuditRow[]>(text, ...values);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toAuditItem),
      next_cursor: rows.length > query.limit && last ? encodeAuditCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
  });
}
