import type { RequestMeta } from "@/lib/auth/caller";
import { consumeOneTimeToken } from "@/lib/auth/one-time-tokens";
import { issueSignInTicket } from "@/lib/auth/sign-in/sign-in-ticket";
import { appPool } from "@/lib/db/pools";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { isIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import { verifiedEmailDomains } from "@/lib/security-policy/verified-email-domains";
import { exchangeCode } from "@/lib/sso/exchange-code";
import { usableSsoConnection } from "@/lib/sso/load-sso-connection";
import { recordSsoRefusal } from "@/lib/sso/record-sso-event";
import { identityFromClaims } from "@/lib/sso/sso-claims";
import { resolveSsoMember, userCaller } from "@/lib/sso/sso-member";
import { ssoRedirectUri } from "@/lib/sso/sso-redirect-uri";
import { SsoRefusal } from "@/lib/sso/sso-refusal";
import { bindingDigest } from "@/lib/sso/start-sso";

export type SsoCallback = {
  tenantId: string;
  /** The tenant host the callback arrived on (the state was issued for it). */
  host: string;
  /** The callback's query string as received (code, state, or error). */
  search: URLSearchParams;
  /** The binding cookie's value, if the browser sent one. */
  binding: string | null;
  meta: RequestMeta;
};

export type SsoOutcome = { ok: true; ticket: string; callbackUrl: string } | { ok: false; refusal: SsoRefusal };

/**
 * The callback: state (single use, this host, this tenant, this browser) →
 * the provider's answer → code exchange and ID token checks → verified email
 * → member (or just-in-time membership) → a sign-in ticket (method "sso")
 * that the browser redeems through completeSignIn. Every refusal is audited
 * (sso.sign_in_refused with its reason) and answered, never thrown.
 */
export async function finishSso(cb: SsoCallback): Promise<SsoOutcome> {
  try {
    const outcome = await run(cb);
    return { ok: true, ...outcome };
  } catch (err) {
    if (!(err instanceof SsoRefusal)) throw err;
    await recordSsoRefusal(cb.tenantId, err, cb.meta);
    return { ok: false, refusal: err };
  }
}

async function run(cb: SsoCallback): Promise<{ ticket: string; callbackUrl: string }> {
  const state = cb.search.get("state") ?? "";
  const claims = state ? await consumeOneTimeToken(state, "sso_state", cb.host) : null;
  if (!claims || claims.tenantId !== cb.tenantId) throw new SsoRefusal("state_mismatch", state ? "Unknown, used or expired state, or one issued for another host" : "The callback carries no state");
  const data = claims.data as { verifier: string; nonce: string; callbackUrl: string; binding: string };
  if (!cb.binding || bindingDigest(cb.binding) !== data.binding) throw new SsoRefusal("state_mismatch", "The state was issued to another browser (binding cookie missing or different)");

  const conn = await usableSsoConnection(cb.tenantId);
  const idpError = cb.search.get("error");
  if (idpError) throw new SsoRefusal("idp_error", `${idpError}: ${cb.search.get("error_description") ?? "no description"}`.slice(0, 500));
  if (!(await isIpAllowed(cb.tenantId, cb.meta.ip))) throw new SsoRefusal("ip_not_allowed", `${cb.meta.ip ?? "An unknown address"} is not on the tenant's IP allowlist`);

  const callbackUrl = new URL(`${ssoRedirectUri(cb.host)}?${cb.search.toString()}`);
  const identity = identityFromClaims(conn, await exchangeCode(conn, callbackUrl, { verifier: data.verifier, nonce: data.nonce, state }));
  const domains = (await verifiedEmailDomains(cb.tenantId)).map((d) => d.domain.toLowerCase());
  const member = await resolveSsoMember(conn, identity, domains, cb.meta);

  await appPool().query("UPDATE users SET last_login_at = now() WHERE id = $1", [member.userId]);
  await withTenantScope(cb.tenantId, (tx) =>
    publishEvent(tx, userCaller(member.userId, identity.email, cb.meta), {
      tenantId: cb.tenantId,
      action: "sso.sign_in_succeeded",
      targetType: "user",
      targetId: member.userId,
      targetLabel: identity.email,
      after: { email: identity.email, issuer: conn.issuer, subject: identity.subject, joined: member.joined, ...(member.role ? { role: member.role } : {}) },
    }),
  );
  const ticket = await issueSignInTicket({ userId: member.userId, kind: "member", tenantId: cb.tenantId, host: cb.host, method: "sso", secondFactor: null });
  return { ticket, callbackUrl: data.callbackUrl };
}
