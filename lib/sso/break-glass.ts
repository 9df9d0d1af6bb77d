import type { RequestMeta } from "@/lib/auth/caller";
import type { SecondFactorKind } from "@/lib/auth/sessions/types";
import { withTenantScope } from "@/lib/db/scope";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { userCaller } from "@/lib/sso/sso-member";

/**
 * An owner's break-glass password sign-in (the password step lets owners in
 * with method "break_glass" when the tenant's policy requires single sign-on,
 * so an identity provider outage cannot lock the tenant out). Recorded when
 * the session starts, as the `security.break_glass_sign_in` alert through
 * lib/security-alerts: the audit event on the tenant's chain and a mail to
 * every owner, so the bypass is never quiet.
 */
export async function recordBreakGlassSignIn(input: { tenantId: string; userId: string; sessionId: string; meta: RequestMeta; secondFactor: SecondFactorKind | null }): Promise<void> {
  await withTenantScope(input.tenantId, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { email: true } });
    const email = user?.email ?? input.userId;
    await raiseSecurityAlert(tx, {
      tenantId: input.tenantId,
      kind: "break_glass_sign_in",
      caller: userCaller(input.userId, email, input.meta),
      detail: { email, ip: input.meta.ip ?? "unknown", user_agent: input.meta.userAgent ?? "unknown", second_factor: input.secondFactor ?? "none", session_id: input.sessionId },
    });
  });
}
