import { consumeRateLimit } from "@/lib/http/rate-limit";
import type { SsoRefusalReason } from "@/lib/sso/sso-refusal";
import { SSO_BINDING_COOKIE, SSO_STATE_TTL_SECONDS } from "@/lib/sso/start-sso";
import { env } from "@/lib/env";
import { normalizeHost, resolveHost, type PortalTenant } from "@/lib/tenancy/resolve-host";

/** Starts and callbacks together per client address per minute (two per sign-in; an office behind one NAT shares it): each costs the provider and us round trips. */
export const SSO_REQUESTS_PER_MINUTE = 120;

/** The active tenant served at this host, or null (the console and unknown hosts have no single sign-on). */
export async function ssoTenant(rawHost: string | null): Promise<{ host: string; tenant: PortalTenant } | null> {
  const host = normalizeHost(rawHost);
  const r = await resolveHost(host);
  return r.kind === "tenant" && r.tenant.status === "active" ? { host, tenant: r.tenant } : null;
}

export async function ssoRateLimited(ip: string | null): Promise<boolean> {
  const take = await consumeRateLimit(`sso:${ip ?? "unknown"}`, SSO_REQUESTS_PER_MINUTE, 60);
  return !take.allowed;
}

/** A 303 to a path on this host; relative, so the browser stays on the host it is on. */
export function seeOther(location: string, cookies: string[] = []): Response {
  const headers = new Headers({ location, "cache-control": "no-store", "referrer-policy": "no-referrer" });
  for (const c of cookies) headers.append("set-cookie", c);
  return new Response(null, { status: 303, headers });
}

export const loginWithError = (reason: SsoRefusalReason, cookies: string[] = []) => seeOther(`/login?sso_error=${reason}`, cookies);

const secure = () => (env.publicScheme === "https" ? "; Secure" : "");

/** Host-only (no Domain), httpOnly, Lax so the provider's top-level redirect back carries it, scoped to the callback. */
export const bindingCookie = (value: string) => `${SSO_BINDING_COOKIE}=${value}; Path=/api/sso; Max-Age=${SSO_STATE_TTL_SECONDS}; HttpOnly; SameSite=Lax${secure()}`;
export const clearBindingCookie = () => `${SSO_BINDING_COOKIE}=; Path=/api/sso; Max-Age=0; HttpOnly; SameSite=Lax${secure()}`;

export function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return v.join("=") || null;
  }
  return null;
}
