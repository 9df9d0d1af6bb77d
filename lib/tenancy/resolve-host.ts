import { appPool } from "@/lib/db/pools";
import { env } from "@/lib/env";
import { onTenantChanged } from "@/lib/tenancy/tenant-change-listener";

export type PortalTenant = { id: string; slug: string; name: string; status: string; branding: Record<string, unknown> };
export type HostResolution = { kind: "root" } | { kind: "tenant"; tenant: PortalTenant } | { kind: "unknown" };

const TTL_MS = 60_000;
const NEGATIVE_TTL_MS = 5_000;
type Entry = { value: HostResolution; expires: number };
const globals = globalThis as unknown as { __atriumHostCache?: Map<string, Entry> };
const cache = (globals.__atriumHostCache ??= new Map());

let subscribed = false;
function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  onTenantChanged((tenantId) => {
    if (tenantId === "*") return cache.clear();
    for (const [host, entry] of cache) {
      // A new tenant may now own a host we remembered as unknown.
      if (entry.value.kind === "unknown" || (entry.value.kind === "tenant" && entry.value.tenant.id === tenantId)) cache.delete(host);
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

/**
 * Host → root console, a tenant, or nothing. A host maps to a tenant only
 * through its slug subdomain (verified custom domains come with the domains
 * feature); the unverified `domain` field never routes. Cached per process;
 * the tenants trigger's NOTIFY evicts entries at once, in every instance.
 */
export async function resolveHost(rawHost: string | null | undefined): Promise<HostResolution> {
  const host = normalizeHost(rawHost);
  if (host === env.rootDomain) return { kind: "root" };
  subscribe();
  const hit = cache.get(host);
  if (hit && hit.expires > Date.now()) return hit.value;

  const slug = slugFromHost(host);
  let value: HostResolution = { kind: "unknown" };
  if (slug) {
    const { rows } = await appPool().query<PortalTenant>("SELECT * FROM atrium_tenant_for_host($1)", [slug]);
    if (rows[0]) value = { kind: "tenant", tenant: rows[0] };
  }
  cache.set(host, { value, expires: Date.now() + (value.kind === "unknown" ? NEGATIVE_TTL_MS : TTL_MS) });
  if (cache.size > 10_000) cache.delete(cache.keys().next().value!);
  return value;
}
