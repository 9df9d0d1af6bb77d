import { createHash, randomBytes } from "node:crypto";
import * as oidc from "openid-client";
import { issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { usableSsoConnection } from "@/lib/sso/load-sso-connection";
import { discoverProvider } from "@/lib/sso/oidc-configuration";
import { ssoRedirectUri } from "@/lib/sso/sso-redirect-uri";
import { openSecret } from "@/lib/webhooks/secret-box";

/** How long the member has at the identity provider before the state expires. */
export const SSO_STATE_TTL_SECONDS = 600;
/** The httpOnly cookie binding a flow to the browser that started it (host-only, so bound to the tenant's host too). */
export const SSO_BINDING_COOKIE = "atrium_sso_binding";

export const bindingDigest = (binding: string) => createHash("sha256").update(binding).digest("base64url");

/**
 * Starts an authorization-code flow with PKCE (S256), state and nonce. The
 * state is a one-time token (lib/auth/one-time-tokens.ts, purpose sso_state)
 * carrying the verifier, nonce and where to go afterwards, so nothing secret
 * travels through the browser; the cookie's random value, whose digest the
 * token keeps, ties the callback to this browser (no login CSRF).
 */
export async function startSso(input: { tenantId: string; host: string; callbackUrl: string }): Promise<{ authorizationUrl: string; binding: string }> {
  const conn = await usableSsoConnection(input.tenantId);
  const config = await discoverProvider({ issuer: conn.issuer, clientId: conn.clientId, clientSecret: openSecret(conn.clientSecretSealed) });
  const verifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const binding = randomBytes(32).toString("base64url");
  const state = await issueOneTimeToken({
    purpose: "sso_state",
    host: input.host,
    ttlSeconds: SSO_STATE_TTL_SECONDS,
    tenantId: input.tenantId,
    data: { verifier, nonce, callbackUrl: input.callbackUrl, binding: bindingDigest(binding), issuer: conn.issuer },
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoRedirectUri(input.host),
    scope: conn.scopes.join(" "),
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  return { authorizationUrl: url.href, binding };
}
