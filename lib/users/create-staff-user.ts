import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { sendEmailVerification } from "@/lib/auth/email-verification/send-email-verification";
import { hashPassword } from "@/lib/auth/password";
import { PLATFORM_ROLES } from "@/lib/auth/permissions";
import { publishEvent } from "@/lib/events/publish-event";
import { withPlatformScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { keepAnAdmin, lockAdminsAnd } from "@/lib/users/platform-admin-guards";

export const createStaffUserSchema = z.strictObject({
  email: z.email("Enter a valid email address").transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(120),
  password: z.string().min(12, "Password must be at least 12 characters").max(256),
  platform_role: z.enum(PLATFORM_ROLES),
});

/** Creates a platform staff account, or gives an existing account the role and a new password. */
export async function createStaffUser(caller: Caller, raw: unknown) {
  authorize(caller, "users:manage");
  const input = parseOrThrow(createStaffUserSchema, raw);
  const passwordHash = await hashPassword(input.password);
  // A staff member typing someone's address proves nothing about it; an operator's own script (the seed, the CLI's first admin) is trusted.
  const typedByStaff = caller.kind === "user";
  const created = await withPlatformScope(async (tx) => {
    const { admins } = await lockAdminsAnd(tx, { email: input.email }); // the existing account too, if any
    const existing = await tx.user.findUnique({ where: { email: input.email } });
    // Re-running it for an admin's email with another role is a demotion: same guard as changePlatformRole.
    if (existing && input.platform_role !== "admin") keepAnAdmin(admins, existing.id);
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { platformRole: input.platform_role, passwordHash, status: "active", updatedAt: new Date() } })
      : await tx.user.create({ data: { id: newId("user"), email: input.email, name: input.name, passwordHash, platformRole: input.platform_role, emailVerifiedAt: typedByStaff ? null : new Date() } });
    await publishEvent(tx, caller, {
      tenantId: null,
      action: existing ? "user.platform_role_changed" : "user.created",
      targetType: "user",
      targetId: user.id,
      targetLabel: user.email,
      before: existing ? { platform_role: existing.platformRole } : undefined,
      after: { email: user.email, platform_role: input.platform_role },
    });
    return { id: user.id, email: user.email, name: user.name, platform_role: input.platform_role, created: !existing };
  });
  // A new account's address is unproven until the link mailed to it is used (after commit: the token refers to the account).
  if (created.created && typedByStaff) await sendEmailVerification(created, { kind: "console" }, "the Atrium console");
  return created;
}
