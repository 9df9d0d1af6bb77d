import type { ImpersonationGrant } from "@/lib/generated/prisma/client";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The grant as the API, the console and the portal show it. */
export function grantView(g: ImpersonationGrant): ImpersonationGrantView {
  return {
    id: g.id,
    tenant_id: g.tenantId,
    staff_user_id: g.staffUserId,
    staff_email: g.staffEmail,
    reason: g.reason,
    mode: g.mode as ImpersonationGrantView["mode"],
    duration_minutes: g.durationMinutes,
    status: g.status as ImpersonationGrantView["status"],
    requested_at: g.requestedAt.toISOString(),
    decided_at: iso(g.decidedAt),
    decided_by: g.decidedBy,
    starts_at: iso(g.startsAt),
    expires_at: iso(g.expiresAt),
    revoked_at: iso(g.revokedAt),
    revoked_by: g.revokedBy,
  };
}
