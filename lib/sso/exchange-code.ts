import * as oidc from "openid-client";
import type { TenantSsoConnection } from "@/lib/generated/prisma/client";
import { describe, discoverProvider } from "@/lib/sso/oidc-configuration";
import { SsoRefusal } from "@/lib/sso/sso-refusal";
import { openSecret } from "@/lib/webhooks/secret-box";

type Checks = { verifier: string; nonce: string; state: string };

/** openid-client's (oauth4webapi's) failures, as the reasons an admin can act on. */
function refusalFor(err: unknown): SsoRefusal {
  if (err instanceof SsoRefusal) return err;
  const e = err as Error & { code?: string; error?: string; error_description?: string; cause?: { claim?: string } };
  const detail = describe(e);
  if (err instanceof oidc.AuthorizationResponseError || err instanceof oidc.ResponseBodyError) return new SsoRefusal("idp_error", `${e.error ?? "error"}: ${e.error_description ?? detail}`);
  if (e.code === "OAUTH_KEY_SELECTION_FAILED" || /signature verification failed/i.test(detail)) return new SsoRefusal("bad_signature", detail);
  if (e.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" && e.cause?.claim === "iss") return new SsoRefusal("wrong_issuer", detail);
  if (e.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED" || e.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" || e.code?.startsWith("OAUTH_")) return new SsoRefusal("token_invalid", detail);
  return new SsoRefusal("discovery_failed", detail);
}

/**
 * The code exchange and every check of the ID token, by openid-client: PKCE
 * verifier, state, signature against the provider's JWKS, issuer, audience,
 * nonce, expiry. When the ID token lacks the mapped email (providers that
 * keep profile claims for userinfo), userinfo fills in, its `sub` checked
 * against the ID token's. Answers the claims, ID token first.
 */
export async function exchangeCode(conn: TenantSsoConnection, callbackUrl: URL, checks: Checks): Promise<Record<string, unknown>> {
  try {
    const config = await discoverProvider({ issuer: conn.issuer, clientId: conn.clientId, clientSecret: openSecret(conn.clientSecretSealed) });
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: checks.verifier, expectedNonce: checks.nonce, expectedState: checks.state, idTokenExpected: true });
    const idClaims = tokens.claims() as Record<string, unknown> | undefined;
    if (!idClaims) throw new SsoRefusal("token_invalid", "No ID token in the token response");
    if (idClaims[conn.emailClaim] !== undefined && idClaims.email_verified !== undefined) return idClaims;
    const userinfo = (await oidc.fetchUserInfo(config, tokens.access_token, String(idClaims.sub))) as Record<string, unknown>;
    return { ...userinfo, ...idClaims };
  } catch (err) {
    throw refusalFor(err);
  }
}
