import { env } from "@/lib/env";

/**
 * The tenant's own origin, built only from what is stored about the tenant
 * (never from a request's Host), so links in mail cannot be pointed elsewhere.
 */
export function tenantBaseUrl(tenant: { slug: string; primaryDomain?: string | null }): string {
  return `${env.publicScheme}://${tenant.primaryDomain ?? `${tenant.slug}.${env.rootDomain}`}`;
}
