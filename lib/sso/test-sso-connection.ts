import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { testSsoConnectionSchema, type SsoTestResult } from "@/lib/schemas/sso";
import { discoverProvider } from "@/lib/sso/oidc-configuration";
import { withSsoAccess } from "@/lib/sso/sso-access";
import { SsoRefusal } from "@/lib/sso/sso-refusal";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

/**
 * Fetches the provider's discovery document now (the given issuer, else the
 * stored one) and says whether it can be used: reachable, its `issuer`
 * exactly the configured one, an authorization and a token endpoint, PKCE
 * with S256. Answers 200 either way; `error` says what to fix.
 */
export async function testSsoConnection(actor: TenantActor, tenantId: string, input: unknown): Promise<SsoTestResult> {
  const body = parseOrThrow(testSsoConnectionSchema, input ?? {});
  const stored = await withSsoAccess(actor, tenantId, "write", (tx) => tx.tenantSsoConnection.findUnique({ where: { tenantId }, select: { issuer: true, clientId: true } }));
  const issuer = body.issuer ?? stored?.issuer;
  if (!issuer) throw new AppError("invalid_request", "issuer: No connection is configured; send the issuer to test", [{ path: "issuer", message: "Required when nothing is configured" }]);
  const failed = (error: string): SsoTestResult => ({ ok: false, issuer, error, authorization_endpoint: null, token_endpoint: null, supports_pkce_s256: null });
  if (new URL(issuer).protocol !== "https:" && !env.ssoAllowInsecureIssuers) return failed("The issuer must be an https URL");
  try {
    const meta = (await discoverProvider({ issuer, clientId: stored?.clientId ?? "atrium-connection-test", clientSecret: null }, { fresh: true })).serverMetadata();
    const pkce = meta.code_challenge_methods_supported ? meta.code_challenge_methods_supported.includes("S256") : null;
    const missing = [!meta.authorization_endpoint && "authorization_endpoint", !meta.token_endpoint && "token_endpoint", !meta.jwks_uri && "jwks_uri"].filter(Boolean);
    const error = missing.length ? `The discovery document has no ${missing.join(", ")}` : pkce === false ? "The provider does not offer PKCE with S256" : null;
    return { ok: error === null, issuer, error, authorization_endpoint: meta.authorization_endpoint ?? null, token_endpoint: meta.token_endpoint ?? null, supports_pkce_s256: pkce };
  } catch (err) {
    if (err instanceof SsoRefusal) return failed(err.detail);
    throw err;
  }
}
