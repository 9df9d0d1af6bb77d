import { changedFields } from "@/lib/audit/changed-fields";
import type { AuditEventItem } from "@/lib/schemas/audit";

/** A row of AUDIT_COLUMNS (lib/audit/audit-query.ts), as pg or Prisma's raw query hands it over. */
export type AuditRow = {
  id: string;
  tenant_id: string | null;
  tenant_name: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  actor_name: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  created_at: Date;
};

/**
 * Seed 002 §5's item. A user's label is the email they signed in with when
 * they acted; their name is today's. A key's label is its name at the time.
 */
function actorOf(r: AuditRow): AuditEventItem["actor"] {
  if (r.actor_type === "user") return { type: "user", user_id: r.actor_id ?? undefined, email: r.actor_label, name: r.actor_name ?? r.actor_label };
  if (r.actor_type === "api_key") return { type: "api_key", key_id: r.actor_id ?? undefined, name: r.actor_label };
  return { type: "system", name: r.actor_label };
}

export function toAuditItem(r: AuditRow): AuditEventItem {
  return {
    id: r.id,
    timestamp: r.created_at.toISOString(),
    event_type: r.action,
    actor: actorOf(r),
    target: { type: r.target_type, id: r.target_id, label: r.target_label },
    changes: changedFields(r.before, r.after),
    ip_address: r.ip,
    user_agent: r.user_agent,
    request_id: r.request_id,
    tenant_id: r.tenant_id,
    tenant_name: r.tenant_name,
  };
}
