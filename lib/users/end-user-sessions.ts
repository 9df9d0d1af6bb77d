import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { endAuthSessions } from "@/lib/auth/sessions/end-auth-sessions";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { userIdSchema } from "@/lib/schemas/users";

/**
 * Platform staff end every session of an account — console and every
 * tenant's portal — e.g. after a lost laptop. The account itself stays
 * active: its holder signs in again. Audited as security.sessions_ended_by_staff.
 */
export async function endUserSessions(caller: Caller, rawUserId: unknown): Promise<{ ended: number }> {
  authorize(caller, "users:manage");
  const userId = parseOrThrow(userIdSchema, rawUserId);
  return withPlatformScope(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
    if (!user) throw new AppError("not_found", "No such account");
    const ended = await endAuthSessions({ userId }, "ended_by_staff", tx);
    await publishEvent(tx, caller, {
      tenantId: null,
      action: "security.sessions_ended_by_staff",
      targetType: "user",
      targetId: userId,
      targetLabel: user.email,
      after: { sessions_ended: ended },
    });
    return { ended };
  });
}
