import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { publishEvent } from "@/lib/events/publish-event";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { userIdSchema, userStatusSchema } from "@/lib/schemas/users";
import { keepAnAdmin, lockAdminsAndUser, refuseSelf } from "@/lib/users/platform-admin-guards";
import { serializeUser, USER_SELECT } from "@/lib/users/serialize-user";

/**
 * Suspends or reactivates an account on the whole platform: console and every
 * tenant. A suspension ends every session of the account at once (their
 * records go in the same transaction); sessions are also checked against
 * users.status on each request. Reactivating does not revive ended sessions.
 */
export async function changeUserStatus(caller: Caller, rawUserId: unknown, rawStatus: unknown) {
  authorize(caller, "users:manage");
  const userId = parseOrThrow(userIdSchema, rawUserId);
  const to = parseOrThrow(userStatusSchema, rawStatus);
  if (to === "suspended") refuseSelf(caller, userId, "suspend");
  return withPlatformScope(async (tx) => {
    const { admins, user: before } = await lockAdminsAndUser(tx, userId);
    if (before.status === to) throw new AppError("invalid_state", `This account is already ${to}`, { status: to });
    if (to === "suspended") keepAnAdmin(admins, userId);
    const updated = await tx.user.update({ where: { id: userId }, data: { status: to, updatedAt: new Date() }, select: USER_SELECT });
    if (to === "suspended") await endAuthSessions({ userId }, "account_suspended", tx);
    await publishEvent(tx, caller, {
      tenantId: null,
      action: to === "suspended" ? "user.suspended" : "user.reactivated",
      targetType: "user",
      targetId: userId,
      targetLabel: updated.email,
      before: { status: before.status },
      after: { status: to },
    });
    return { user: serializeUser(updated) };
  });
}
