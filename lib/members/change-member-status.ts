import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { publishEvent } from "@/lib/events/publish-event";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { memberIdSchema } from "@/lib/schemas/members";
import { parseOrThrow } from "@/lib/http/errors";
import type { TenantAccess, TenantActor } from "@/lib/tenant-access/tenant-actor";
import { authorizeTenantChange } from "@/lib/tenant-access/tenant-lock";
import { claimSeats } from "@/lib/invitations/seats";
import { roleName } from "@/lib/tenant-access/role-permissions";
import { keepAnOwner, lockOwnersAndMember, requireOutranks } from "@/lib/members/member-guards";
import { MEMBER_SELECT, serializeMember } from "@/lib/members/serialize-member";

// Suspend and reactivate differ only in direction, so they share one body.
async function setStatus(actor: TenantActor, tenantId: string, rawUserId: unknown, to: "active" | "suspended") {
  const userId = parseOrThrow(memberIdSchema, rawUserId);
  return withTenantScope(tenantId, async (tx) => applyMemberStatus(tx, await authorizeTenantChange(actor, tenantId, "members:update", tx), tenantId, userId, to));
}

/**
 * The status change itself, inside the caller's transaction (after authorizeTenantChange
 * with members:update). `unchangedOk` answers the member as is when already `to`.
 */
export async function applyMemberStatus(tx: Tx, access: TenantAccess, tenantId: string, userId: string, to: "active" | "suspended", opts: { unchangedOk?: boolean } = {}) {
  const { owners, member: before } = await lockOwnersAndMember(tx, tenantId, userId);
  await requireOutranks(tx, access, before.role);
  if (before.status === to && opts.unchangedOk) {
    const row = await tx.membership.findFirstOrThrow({ where: { tenantId, userId }, select: MEMBER_SELECT });
    return { member: serializeMember(row, await roleName(tx, tenantId, row.role)) };
  }
  if (before.status === to) throw new AppError("invalid_state", `This member is already ${to}`, { status: to });
  if (to === "suspended") {
    if (access.userId === userId) throw new AppError("invalid_state", "You cannot suspend yourself");
    if (before.role === "owner") keepAnOwner(owners, userId);
  } else {
    await claimSeats(tx, tenantId, 1);
  }
  const updated = await tx.membership.update({ where: { tenantId_userId: { tenantId, userId } }, data: { status: to }, select: MEMBER_SELECT });
  // A suspended member's sessions in this tenant end now; reactivating does not bring them back.
  if (to === "suspended") await endAuthSessions({ userId, tenantId }, "member_suspended", tx);
  await publishEvent(tx, access.auditCaller, {
    tenantId,
    action: to === "suspended" ? "member.suspended" : "member.reactivated",
    targetType: "user",
    targetId: userId,
    targetLabel: updated.user.email,
    before: { status: before.status },
    after: { status: to },
  });
  return { member: serializeMember(updated, await roleName(tx, tenantId, updated.role)) };
}

export const suspendMember = (actor: TenantActor, tenantId: string, userId: string) => setStatus(actor, tenantId, userId, "suspended");
export const reactivateMember = (actor: TenantActor, tenantId: string, userId: string) => setStatus(actor, tenantId, userId, "active");
