import "server-only";
import { auditSelect, type AuditScope } from "@/lib/audit/audit-query";
import { AUDIT_EXPORT_TYPES, formatAuditBatch } from "@/lib/audit/audit-export-format";
import { authorizeAuditRead, inAuditScope } from "@/lib/audit/authorize-audit-read";
import { toAuditItem, type AuditRow } from "@/lib/audit/serialize-audit-event";
import { streamQueryInSnapshot } from "@/lib/db/snapshot-stream";
import { publishEvent } from "@/lib/events/publish-event";
import type { AuditExportFormat, AuditFilters } from "@/lib/schemas/audit";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";


export type AuditExport = { body: ReadableStream<Uint8Array>; filename: string; contentType: string };

/** The filter as the caller gave it, for the audit.exported event. */
function describeFilters(f: AuditFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    if (v instanceof Date) out[k] = v.toISOString();
    else if (k === "event_type" && typeof v === "object") out[k] = [...v.exact, ...v.prefixes.map((p: string) => `${p}*`)].join(",");
    else out[k] = String(v);
  }
  return out;
}

/**
 * Every event matching the filter, streamed: a server-side cursor on one
 * connection is read a batch at a time, only when the response body asks for
 * more (ReadableStream pull), so a slow client holds back the query and a
 * million rows never sit in memory. The export itself is audited first, in its
 * own transaction, with the authorisation.
 */
export async function exportAuditEvents(actor: TenantActor, scope: AuditScope, filters: AuditFilters, format: AuditExportFormat): Promise<AuditExport> {
  const slug = await inAuditScope(scope, async (tx) => {
    const caller = await authorizeAuditRead(tx, actor, scope);
    const tenant = scope.kind === "tenant" ? await tx.tenant.findUnique({ where: { id: scope.tenantId }, select: { slug: true, name: true } }) : null;
    await publishEvent(tx, caller, {
      tenantId: scope.kind === "tenant" ? scope.tenantId : null,
      action: "audit.exported",
      targetType: "audit_log",
      targetId: scope.kind === "tenant" ? scope.tenantId : null,
      targetLabel: scope.kind === "tenant" ? `Audit log of ${tenant?.name ?? scope.tenantId}` : "Platform audit log",
      after: { format, filter: describeFilters(filters) },
    });
    return scope.kind === "platform" ? "platform" : (tenant?.slug ?? scope.tenantId);
  });

  // One read-only snapshot for the whole file, visible rows as the scope decides (RLS).
  const body = await streamQueryInSnapshot<AuditRow>(scope, auditSelect(scope, filters), (rows, first) => formatAuditBatch(rows.map(toAuditItem), format, first));
  const date = new Date().toISOString().slice(0, 10);
  return { body, filename: `audit-${slug}-${date}.${format}`, contentType: AUDIT_EXPORT_TYPES[format] };
}
