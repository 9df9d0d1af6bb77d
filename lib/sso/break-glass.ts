import type { RequestMeta } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";
import { getTenantSecurityPolicy } from "@/lib/security-policy/get-security-policy";
import { userCaller } from "@/lib/sso/sso-member";

/**
 * How a member whose password was just verified may sign in on the tenant's
 * portal: "password" when the policy allows passwords; "break_glass" for an
 * owner when it does not (a tenant that requires single sign-on must not be
 * locked out by its identity provider being down or misconfigured); everyone
 * else is refused with a message saying how to sign in instead.
 */
export async function memberPasswordMethod(tenantId: string, userId: string): Promise<"password" | "break_glass"> {
  const policy = await getTenantSecurityPolicy(tenantId);
  if (policy.allowed_sign_in_methods.includes("password")) return "password";
  const m = await withTenantScope(tenantId, (tx) => tx.membership.findFirst({ where: { tenantId, userId, status: "active" }, select: { role: true } }));
  if (m?.role === "owner") return "break_glass";
  const other = policy.allowed_sign_in_methods.includes("sso") ? "single sign-on (Continue with your identity provider)" : "a passkey";
  throw new AppError("sign_in_method_not_allowed", `This organisation does not allow signing in with a password; use ${other}.`, { allowed_sign_in_methods: policy.allowed_sign_in_methods });
}

/**
 * An owner's break-glass password sign-in: the `security.break_glass_sign_in`
 * alert (audit event on the tenant's chain, mail to every owner) through
 * lib/security-alerts, so a quiet bypass of "SSO required" cannot happen.
 */
export async function recordBreakGlassSignIn(input: { tenantId: string; userId: string; email: string; meta: RequestMeta; secondFactorPending: boolean }): Promise<void> {
  await withTenantScope(input.tenantId, (tx) =>
    raiseSecurityAlert(tx, {
      tenantId: input.tenantId,
      kind: "break_glass_sign_in",
      caller: userCaller(input.userId, input.email, input.meta),
      detail: { email: input.email, ip: input.meta.ip ?? "unknown", user_agent: input.meta.userAgent ?? "unknown", second_factor_next: input.secondFactorPending },
    }),
  );
}
