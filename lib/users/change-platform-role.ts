import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { publishEvent } from "@/lib/events/publish-event";
import { withPlatformScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { platformRoleChoiceSchema, userIdSchema } from "@/lib/schemas/users";
import { keepAnAdmin, lockAdminsAndUser, refuseSelf } from "@/lib/users/platform-admin-guards";
import { serializeUser, USER_SELECT } from "@/lib/users/serialize-user";

/** Gives an account a platform role, or takes it away (null). Admins only. */
export async function changePlatformRole(caller: Caller, rawUserId: unknown, rawRole: unknown) {
  authorize(caller, "users:manage");
  const userId = parseOrThrow(userIdSchema, rawUserId);
  const role = parseOrThrow(platformRoleChoiceSchema, rawRole);
  refuseSelf(caller, userId, "change the platform role of");
  return withPlatformScope(async (tx) => {
    const { admins, user: before } = await lockAdminsAndUser(tx, userId);
    if (before.platform_role === role) return { user: serializeUser(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: USER_SELECT })) };
    if (role !== "admin") keepAnAdmin(admins, userId);
    const updated = await tx.user.update({ where: { id: userId }, data: { platformRole: role, updatedAt: new Date() }, select: USER_SELECT });
    await publishEvent(tx, caller, {
      tenantId: null,
      action: "user.platform_role_changed",
      targetType: "user",
      targetId: userId,
      targetLabel: updated.email,
      before: { platform_role: before.platform_role },
      after: { platform_role: role },
    });
    return { user: serializeUser(updated) };
  });
}
