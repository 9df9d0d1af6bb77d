import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { normalizeHost, resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * Who a passkey ceremony on this host is with. The relying-party id is the
 * host name the request came to, without its port: the console's host, a
 * tenant's `<slug>.<root>`, or a verified custom domain of that tenant, each
 * a separate relying party. It is worked out from the Host header the way the
 * rest of Atrium routes (lib/tenancy/resolve-host.ts), never from anything the
 * browser says about itself: clientDataJSON's origin and the authenticator's
 * rpIdHash are checked against these values, so a passkey made on one host
 * signs nothing that another host accepts.
 */
export type RelyingParty = {
  /** The host with its port, as sessions and one-time tokens are bound to it. */
  host: string;
  /** The host name without port: the WebAuthn RP ID, stored on each passkey. */
  rpId: string;
  /** The origin the browser must report: APP_PUBLIC_SCHEME and the host. */
  origin: string;
  /** Shown by the authenticator when the passkey is made. */
  rpName: string;
  kind: "staff" | "member";
  tenantId: string | null;
};

export const rpIdOf = (host: string) => host.replace(/:\d+$/, "");

/** The relying party this host is; a host Atrium does not serve, or a tenant that is not active, has none. */
export async function relyingPartyFor(rawHost: string | null | undefined): Promise<RelyingParty> {
  const host = normalizeHost(rawHost);
  const base = { host, rpId: rpIdOf(host), origin: `${env.publicScheme}://${host}` };
  if (host === env.rootDomain) return { ...base, rpName: "Atrium", kind: "staff", tenantId: null };
  const resolution = await resolveHost(host);
  if (resolution.kind !== "tenant") throw new AppError("tenant_not_found", "No tenant is served at this host");
  if (resolution.tenant.status === "suspended") throw new AppError("tenant_suspended", "This tenant is suspended");
  if (resolution.tenant.status !== "active") throw new AppError("tenant_not_found", "No tenant is served at this host");
  return { ...base, rpName: resolution.tenant.name, kind: "member", tenantId: resolution.tenant.id };
}
