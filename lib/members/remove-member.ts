import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { publishEvent } from "@/lib/events/publish-event";
import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { memberIdSchema } from "@/lib/schemas/members";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { keepAnOwner, lockOwnersAndMember, requireOutranks } from "@/lib/members/member-guards";

/** Ends the membership; the global user account stays (it may belong to other tenants). */
export async function removeMember(actor: TenantActor, tenantId: string, rawUserId: string) {
  const userId = parseOrThrow(memberIdSchema, rawUserId);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenantChange(actor, tenantId, "members:remove", tx);
    const { owners, member: before } = await lockOwnersAndMember(tx, tenantId, userId);
    await requireOutranks(tx, access, before.role);
    if (before.role === "owner") keepAnOwner(owners, userId);
    const removed = await tx.membership.delete({ where: { tenantId_userId: { tenantId, userId } }, select: { user: { select: { email: true } } } });
    // The removed member's sessions on this tenant's host end with the membership (not only at their next request).
    await endAuthSessions({ userId, tenantId }, "member_removed", tx);
    await publishEvent(tx, access.auditCaller, { tenantId, action: "member.removed", targetType: "user", targetId: userId, targetLabel: removed.user.email, before: { role: before.role, status: before.status } });
    return { removed: true, user_id: userId };
  });
}
