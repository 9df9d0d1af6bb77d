import * as oidc from "openid-client";
import { env } from "@/lib/env";
import { ssoFetch } from "@/lib/sso/sso-fetch";
import { SsoRefusal } from "@/lib/sso/sso-refusal";

/** clientSecret null: discovery only (the connection test), no token requests. */
export type ProviderSettings = { issuer: string; clientId: string; clientSecret: string | null };

const TIMEOUT_SECONDS = 10;
const CACHE_MS = 10 * 60_000;
// Per process: discovery is one HTTP round trip per tenant and 10 minutes, not one per sign-in.
const cache = new Map<string, { config: oidc.Configuration; at: number }>();

function discoveryOptions(issuer: string): oidc.DiscoveryRequestOptions {
  const insecure = env.ssoAllowInsecureIssuers && new URL(issuer).protocol === "http:";
  // enableNonRepudiationChecks: the ID token's signature is verified against the provider's JWKS even though
  // it came straight from the token endpoint (OIDC lets clients skip that; a tenant's provider is not trusted that far).
  return { [oidc.customFetch]: ssoFetch, timeout: TIMEOUT_SECONDS, execute: [oidc.enableNonRepudiationChecks, ...(insecure ? [oidc.allowInsecureRequests] : [])] };
}

/**
 * The provider's metadata from its discovery document, refused unless its
 * `issuer` is exactly the configured one (character for character: ID tokens
 * are checked against it, so a near miss would fail every sign-in later).
 */
export async function discoverProvider(p: ProviderSettings, opts: { fresh?: boolean } = {}): Promise<oidc.Configuration> {
  const key = `${p.issuer}\n${p.clientId}\n${p.clientSecret ?? ""}`;
  const hit = cache.get(key);
  if (hit && !opts.fresh && Date.now() - hit.at < CACHE_MS) return hit.config;
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(new URL(p.issuer), p.clientId, undefined, p.clientSecret ? oidc.ClientSecretBasic(p.clientSecret) : oidc.None(), discoveryOptions(p.issuer));
  } catch (err) {
    const e = err as Error & { code?: string; cause?: { body?: { issuer?: unknown } } };
    if (e.code === "OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED") throw new SsoRefusal("wrong_issuer", `The discovery document at ${p.issuer} names the issuer ${String(e.cause?.body?.issuer)}`);
    throw new SsoRefusal("discovery_failed", `Discovery at ${p.issuer} failed: ${describe(e)}`);
  }
  const stated = config.serverMetadata().issuer;
  if (stated !== p.issuer) throw new SsoRefusal("wrong_issuer", `The provider names its issuer ${stated}, not ${p.issuer}`);
  cache.set(key, { config, at: Date.now() });
  return config;
}

/** The most telling message of an error and its causes (fetch wraps the network's reason). */
export function describe(err: unknown): string {
  const parts: string[] = [];
  for (let e = err as { message?: string; cause?: unknown } | undefined, i = 0; e && i < 4; e = e.cause as typeof e, i++) if (e.message) parts.push(e.message);
  return parts.join(": ") || String(err);
}
