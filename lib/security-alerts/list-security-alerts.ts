import "server-only";
import { auditSelect } from "@/lib/audit/audit-query";
import type { AuditRow } from "@/lib/audit/serialize-audit-event";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformSql } from "@/lib/db/sql-scope";
import { encodeAuditCursor } from "@/lib/schemas/audit";
import type { SecurityAlertItem, SecurityAlertsQuery, SecurityAlertsResponse } from "@/lib/schemas/security-alerts";
import { SECURITY_ALERT_ACTIONS, securityAlertKindOf } from "@/lib/security-alerts/alert-kinds";

const ALL_ALERT_ACTIONS = Object.values(SECURITY_ALERT_ACTIONS);

function toAlert(r: AuditRow): SecurityAlertItem {
  const after = (r.after && typeof r.after === "object" ? r.after : {}) as Record<string, unknown>;
  const { kind: _kind, ...detail } = after;
  void _kind;
  return {
    id: r.id,
    timestamp: new Date(r.created_at).toISOString(),
    kind: securityAlertKindOf(r.action)!,
    event_type: r.action,
    account: r.target_type === "user" && r.target_id ? { user_id: r.target_id, email: r.target_label } : null,
    tenant_id: r.tenant_id,
    tenant_name: r.tenant_name,
    ip_address: r.ip,
    actor: r.actor_label,
    detail,
  };
}

/**
 * The console's Security page and GET /api/v1/security/alerts: the security
 * alerts raised across every tenant and the platform, newest first, read
 * from the audit log itself (raiseSecurityAlert's security.* events; no
 * second store), keyset-paged like the audit log.
 */
export async function listSecurityAlerts(caller: Caller, query: SecurityAlertsQuery): Promise<SecurityAlertsResponse> {
  authorize(caller, "security:read");
  const actions = query.kind ? [SECURITY_ALERT_ACTIONS[query.kind]] : ALL_ALERT_ACTIONS;
  const { text, values } = auditSelect({ kind: "platform" }, { tenant_id: query.tenant_id, event_type: { exact: actions, prefixes: [] } }, { cursor: query.cursor, limit: query.limit + 1 });
  const rows = await withPlatformSql((q) => q<AuditRow>(text, values));
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAlert),
    next_cursor: rows.length > query.limit && last ? encodeAuditCursor({ createdAt: new Date(last.created_at), id: last.id }) : null,
  };
}
