import { appPool } from "@/lib/db/pools";
import { env } from "@/lib/env";
import { hostCacheStats } from "@/lib/observability/metrics/host-cache-stats";
import { onTenantChanged } from "@/lib/tenancy/tenant-change-listener";

export type PortalTenant = { id: string; slug: string; name: string; status: string; branding: Record<string, unknown> };
/** How a verified custom domain routes: served, or redirected to the tenant's verified primary domain. */
export type DomainRoute = {
  domain: string;
  isPrimary: boolean;
  /** The host to redirect to (stored primary domain, with the console's port in development); null when there is no verified primary. */
  primaryHost: string | null;
  sslEnabled: boolean;
  customRouting: { path_prefix?: string; custom_headers?: Record<string, string> } | null;
};
export type HostResolution =
  | { kind: "root" }
  | { kind: "www" }
  | { kind: "tenant"; tenant: PortalTenant; domain?: DomainRoute }
  | { kind: "unknown" };

const TTL_MS = 60_000;
const NEGATIVE_TTL_MS = 5_000;
type Entry = { value: HostResolution; expires: number };
// Unknown hosts are remembered apart, and fewer of them: anyone can send any
// Host header (or ask /api/tls/ask about any name), and a flood of made-up
// names must not push the real tenants out of the cache.
const globals = globalThis as unknown as { __atriumHostCache?: Map<string, Entry>; __atriumUnknownHostCache?: Map<string, Entry> };
const cache = (globals.__atriumHostCache ??= new Map());
const unknownCache = (globals.__atriumUnknownHostCache ??= new Map());
const MAX_KNOWN = 10_000;
const MAX_UNKNOWN = 2_000;

let subscribed = false;
function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  onTenantChanged((tenantId) => {
    // A new tenant or domain may now own a host we remembered as unknown.
    unknownCache.clear();
    if (tenantId === "*") return cache.clear();
    for (const [host, entry] of cache) {
      if (entry.value.kind === "tenant" && entry.value.tenant.id === tenantId) cache.delete(host);
    }
  });
}

export function normalizeHost(host: string | null | undefined): string {
  return (host ?? "").trim().toLowerCase().replace(/\.$/, "").replace(/\.(?=:\d+$)/, "");
}

/** The slug when `host` is `<slug>.<root domain>` (one label), else null. */
export function slugFromHost(host: string): string | null {
  const root = env.rootDomain;
  if (!host.endsWith(`.${root}`)) return null;
  const label = host.slice(0, -(root.length + 1));
  return /^[a-z0-9-]{1,63}$/.test(label) ? label : null;
}

/** The console's port, if it has one: in development custom domains are served on it too. */
function rootPort(): string {
  return env.rootDomain.match(/:\d+$/)?.[0] ?? "";
}

/** A stored custom domain as a host to link or redirect to (never taken from a request). */
export function customDomainHost(domain: string): string {
  return `${domain}${rootPort()}`;
}

/** The custom domain a host names: the host without the console's port (any other port names nothing). */
function customDomainOf(host: string): string | null {
  const port = host.match(/:\d+$/)?.[0] ?? "";
  if (port && port !== rootPort()) return null;
  const name = port ? host.slice(0, -port.length) : host;
  return /^[a-z0-9.-]{1,253}$/.test(name) && name.includes(".") ? name : null;
}

type DomainRow = PortalTenant & { is_primary: boolean; primary_domain: string | null; ssl_enabled: boolean; custom_routing: DomainRoute["customRouting"] };

async function lookup(host: string): Promise<HostResolution> {
  if (host === `www.${env.rootDomain}`) return { kind: "www" };
  const slug = slugFromHost(host);
  if (slug) {
    const { rows } = await appPool().query<PortalTenant>("SELECT * FROM atrium_tenant_for_host($1)", [slug]);
    return rows[0] ? { kind: "tenant", tenant: rows[0] } : { kind: "unknown" };
  }
  const domain = customDomainOf(host);
  if (!domain) return { kind: "unknown" };
  const { rows } = await appPool().query<DomainRow>("SELECT * FROM atrium_tenant_for_domain($1)", [domain]);
  const r = rows[0];
  if (!r) return { kind: "unknown" };
  return {
    kind: "tenant",
    tenant: { id: r.id, slug: r.slug, name: r.name, status: r.status, branding: r.branding },
    domain: { domain, isPrimary: r.is_primary, primaryHost: r.primary_domain ? customDomainHost(r.primary_domain) : null, sslEnabled: r.ssl_enabled, customRouting: r.custom_routing },
  };
}

/**
 * Host → root console, `www.<root>`, a tenant, or nothing. A host maps to a
 * tenant only through its slug subdomain or a VERIFIED custom domain; the
 * seed's informational `tenants.domain` never routes. Cached per process; the
 * NOTIFY of the tenants and tenant_domains triggers evicts entries at once,
 * in every instance.
 */
export async function resolveHost(rawHost: string | null | undefined): Promise<HostResolution> {
  const host = normalizeHost(rawHost);
  if (host === env.rootDomain) return { kind: "root" };
  subscribe();
  const hit = cache.get(host) ?? unknownCache.get(host);
  const stats = hostCacheStats();
  if (hit && hit.expires > Date.now()) {
    stats.hits++;
    return hit.value;
  }
  stats.misses++;

  const value = await lookup(host);
  const [store, max] = value.kind === "unknown" ? [unknownCache, MAX_UNKNOWN] : [cache, MAX_KNOWN];
  store.set(host, { value, expires: Date.now() + (value.kind === "unknown" ? NEGATIVE_TTL_MS : TTL_MS) });
  if (store.size > max) store.delete(store.keys().next().value!);
  return value;
}
