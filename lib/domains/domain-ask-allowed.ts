import { customDomainHost, resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * On-demand TLS "ask": may the TLS proxy obtain a certificate for this name?
 * Yes for a verified custom domain (including one flagged for a missing
 * record, still inside its grace period) and for `<slug>.<root>` of a tenant
 * that is served (active or suspended: the suspended page is served over TLS
 * too). No for everything else, so nobody can make us request certificates
 * for names that are not ours to serve. Answers from the host cache.
 */
export async function domainAskAllowed(domain: string | null): Promise<boolean> {
  if (!domain || domain.length > 253 || !/^[a-z0-9.-]+$/i.test(domain)) return false;
  // The proxy asks about the TLS server name, which has no port: look it up as the host a
  // browser sends on the console's port (the same name where the console has no port).
  const resolution = await resolveHost(customDomainHost(domain.toLowerCase()));
  return resolution.kind === "tenant" && (resolution.tenant.status === "active" || resolution.tenant.status === "suspended");
}
