import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope, withTenantScope } from "@/lib/db/scope";
import { primaryDomainHost } from "@/lib/domains/primary-domain";
import { env } from "@/lib/env";
import { resolveHost, type PortalTenant } from "@/lib/tenancy/resolve-host";

/** Where an account flow (reset, verification) happens: the console, or a tenant's portal. */
export type AccountHost = { kind: "console" } | { kind: "tenant"; tenant: PortalTenant };

/** The request's Host as an account host, or null for any other (www, unknown, a suspended tenant's portal still counts: its pages decide). */
export async function accountHostOf(host: string): Promise<AccountHost | null> {
  const r = await resolveHost(host);
  if (r.kind === "root") return { kind: "console" };
  if (r.kind === "tenant") return { kind: "tenant", tenant: r.tenant };
  return null;
}

/** Where a mailed link should lead: the console, or a tenant's portal (by id and slug; its domains are read from the database). */
export type LinkHost = { kind: "console" } | { kind: "tenant"; tenant: { id: string; slug: string } };

/**
 * The host a mailed link points to, from what is stored only — the console's
 * configured domain, or the tenant's verified primary domain else its
 * `<slug>.<root>` — never the request's Host, which a client may set.
 */
export async function storedHostOf(tx: Tx, where: LinkHost): Promise<string> {
  if (where.kind === "console") return env.rootDomain;
  return (await primaryDomainHost(tx, where.tenant.id)) ?? `${where.tenant.slug}.${env.rootDomain}`;
}

export const originOf = (host: string) => `${env.publicScheme}://${host}`;

/** Runs `fn` in the scope of the host: the tenant's for a portal, the platform's for the console. */
export function inHostScope<T>(where: LinkHost, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return where.kind === "tenant" ? withTenantScope(where.tenant.id, fn) : withPlatformScope(fn);
}
