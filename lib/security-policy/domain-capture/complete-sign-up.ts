import { z } from "zod";
import type { Caller, RequestMeta } from "@/lib/auth/caller";
import { consumeOneTimeToken, hashToken } from "@/lib/auth/one-time-tokens";
import { hashPassword } from "@/lib/auth/password";
import { appPool } from "@/lib/db/pools";
import { withTenantScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { claimSeats } from "@/lib/invitations/seats";
import { assertIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import { captureFor } from "@/lib/security-policy/domain-capture/capture-domains";
import { roleExists } from "@/lib/tenant-access/role-permissions";
import { lockTenant } from "@/lib/tenant-access/tenant-lock";

const linkInvalid = () => new AppError("not_found", "This sign-up link is invalid, used or expired; ask for a new one");

const newAccountSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(120),
  password: z.string().min(12, "Password must be at least 12 characters").max(256),
});

/**
 * What an unused, unexpired sign-up link on this host is for, without using it
 * (the page shows the address and asks for a name and password only when the
 * account is new). null when the link is not valid here.
 */
export async function peekSignUp(token: string, host: string, tenantId: string): Promise<{ email: string; accountExists: boolean } | null> {
  if (typeof token !== "string" || token.length < 16 || token.length > 200) return null;
  const { rows } = await appPool().query<{ email: string; account_exists: boolean }>(
    `SELECT t.email, EXISTS (SELECT 1 FROM users u WHERE u.email = t.email) AS account_exists
       FROM auth_tokens t
      WHERE t.token_hash = $1 AND t.purpose = 'sign_up' AND t.host = $2 AND t.tenant_id = $3 AND t.used_at IS NULL AND t.expires_at > now()`,
    [hashToken(token), host.toLowerCase(), tenantId],
  );
  return rows[0] ? { email: rows[0].email, accountExists: rows[0].account_exists } : null;
}

/**
 * Domain capture, step 2: the link proved the address, so the account is
 * created (name + password) or, when it exists, joins as it is (its password
 * is never touched). The membership gets the domain's capture role as it is
 * now; audited as member.joined_by_domain_capture. The token is used once: of
 * parallel submissions exactly one joins.
 */
export async function completeSignUp(input: { token: string; host: string; tenantId: string; name?: string; password?: string }, meta: RequestMeta) {
  const peek = await peekSignUp(input.token, input.host, input.tenantId);
  if (!peek) throw linkInvalid();
  await assertIpAllowed(input.tenantId, meta.ip);
  // Checked before the link is used, so a short password does not cost the person their link.
  const account = peek.accountExists ? null : parseOrThrow(newAccountSchema, { name: input.name, password: input.password });
  const passwordHash = account ? await hashPassword(account.password) : null;
  const claims = await consumeOneTimeToken(input.token, "sign_up", input.host);
  if (!claims?.email || claims.tenantId !== input.tenantId) throw linkInvalid();
  const email = claims.email;
  const tenantId = input.tenantId;
  return withTenantScope(tenantId, async (tx) => {
    await lockTenant(tx, tenantId);
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { status: true } });
    if (tenant?.status !== "active") throw new AppError("tenant_suspended", "This organisation is not active; nobody can join it now");
    // The domain may have stopped capturing (or changed role) since the mail went out: what holds now decides.
    const capture = await captureFor(tx, tenantId, email);
    if (!capture || !(await roleExists(tx, tenantId, capture.role))) throw new AppError("email_domain_not_allowed", `Addresses on ${email.split("@")[1]} can no longer sign up here`);
    let user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, status: true } });
    const created = !user;
    if (user) {
      if (user.status !== "active") throw new AppError("invalid_state", "This account is suspended; it cannot join");
      if (await tx.membership.findFirst({ where: { tenantId, userId: user.id }, select: { userId: true } })) throw new AppError("invalid_state", "You are already a member; sign in instead");
    } else {
      if (!account || !passwordHash) throw linkInvalid();
      user = { id: newId("user"), email, status: "active" };
      await tx.user.create({ data: { id: user.id, email, name: account.name, passwordHash, emailVerifiedAt: new Date() } }).catch((e: unknown) => {
        if (uniqueViolation(e) === "users_email_key") throw new AppError("invalid_state", "An account with this email was created a moment ago; ask for a new link to join with it");
        throw e;
      });
    }
    await claimSeats(tx, tenantId, 1);
    await tx.membership.create({ data: { tenantId, userId: user.id, role: capture.role, status: "active" } });
    const actor: Caller = { kind: "user", id: user.id, label: email, platformRole: null, permissions: new Set(), meta };
    await publishEvent(tx, actor, {
      tenantId,
      action: "member.joined_by_domain_capture",
      targetType: "user",
      targetId: user.id,
      targetLabel: email,
      after: { email, role: capture.role, domain: capture.domain, account_created: created },
    });
    return { tenant_id: tenantId, user_id: user.id, email, role: capture.role, account_created: created };
  });
}
