import { stringify } from "csv-stringify/sync";
import type { AuditEventItem, AuditExportFormat } from "@/lib/schemas/audit";

const CSV_COLUMNS = [
  "id",
  "timestamp",
  "event_type",
  "tenant_id",
  "tenant_name",
  "actor_type",
  "actor_id",
  "actor_email",
  "actor_name",
  "target_type",
  "target_id",
  "target_label",
  "changes",
  "ip_address",
  "user_agent",
  "request_id",
] as const;

const csvRecord = (e: AuditEventItem): Record<(typeof CSV_COLUMNS)[number], string | null> => ({
  id: e.id,
  timestamp: e.timestamp,
  event_type: e.event_type,
  tenant_id: e.tenant_id,
  tenant_name: e.tenant_name,
  actor_type: e.actor.type,
  actor_id: e.actor.user_id ?? e.actor.key_id ?? null,
  actor_email: e.actor.email ?? null,
  actor_name: e.actor.name,
  target_type: e.target.type,
  target_id: e.target.id,
  target_label: e.target.label,
  changes: Object.keys(e.changes).length ? JSON.stringify(e.changes) : null,
  ip_address: e.ip_address,
  user_agent: e.user_agent,
  request_id: e.request_id,
});

/**
 * One batch of an export as text. CSV goes through csv-stringify with
 * escape_formulas, so a cell a spreadsheet would run (=HYPERLINK(…), +, -, @)
 * starts with a quote and stays text; the header leads the first batch.
 */
export function formatAuditBatch(items: AuditEventItem[], format: AuditExportFormat, first: boolean): string {
  if (format === "ndjson") return items.map((e) => `${JSON.stringify(e)}\n`).join("");
  return stringify(items.map(csvRecord), { header: first, columns: [...CSV_COLUMNS], escape_formulas: true, record_delimiter: "unix" });
}

export const AUDIT_EXPORT_TYPES: Record<AuditExportFormat, string> = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" };
