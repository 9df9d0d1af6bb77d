import "server-only";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";

export type AuditEventView = {
  id: string;
  action: string;
  actor_type: string;
  actor_label: string;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  created_at: string;
};

/** The newest audit events of one tenant, newest first (platform staff with audit:read). */
export async function listTenantAuditEvents(caller: Caller, tenantId: string, opts: { limit?: number } = {}): Promise<AuditEventView[]> {
  authorize(caller, "audit:read");
  const take = Math.min(Math.max(opts.limit ?? 20, 1), 200);
  const rows = await withPlatformScope((tx) => tx.auditEvent.findMany({ where: { tenantId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take }));
  return rows.map((e) => ({
    id: e.id,
    action: e.action,
    actor_type: e.actorType,
    actor_label: e.actorLabel,
    target_type: e.targetType,
    target_id: e.targetId,
    before: e.before,
    after: e.after,
    ip: e.ip,
    created_at: e.createdAt.toISOString(),
  }));
}
