import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { byDomainQuerySchema } from "@/lib/schemas/domains";
import { withTenantScope } from "@/lib/db/scope";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * Seed 000 GET /tenants/by-domain: the tenant a host is served as, by the
 * proxy's own resolution (a verified custom domain or `<slug>.<root>`).
 * Pending, failed and unknown domains are 404 tenant_not_found.
 */
export async function tenantByDomain(caller: Caller, query: unknown) {
  authorize(caller, "tenants:read");
  const { domain } = parseOrThrow(byDomainQuerySchema, query);
  const resolution = await resolveHost(domain);
  if (resolution.kind !== "tenant") throw new AppError("tenant_not_found", `No tenant is served at ${domain}`, [{ path: "domain", message: "Not a verified domain of any tenant" }]);
  const t = resolution.tenant;
  const tenant = await withTenantScope(t.id, (tx) => tx.tenant.findUnique({ where: { id: t.id }, select: { schemaName: true, name: true, status: true, branding: true } }));
  if (!tenant) throw new AppError("tenant_not_found", `No tenant is served at ${domain}`);
  const branding = (tenant.branding ?? {}) as Record<string, unknown>;
  return {
    domain: resolution.domain?.domain ?? domain.toLowerCase(),
    tenant: { id: t.id, name: tenant.name, slug: t.slug, schema_name: tenant.schemaName, status: tenant.status },
    routing: {
      primary_domain: resolution.domain ? resolution.domain.isPrimary : false,
      ssl_enabled: resolution.domain ? resolution.domain.sslEnabled : true,
      custom_routing: Boolean(resolution.domain?.customRouting),
      redirects_to: resolution.domain && !resolution.domain.isPrimary && !resolution.domain.customRouting ? resolution.domain.primaryHost : null,
    },
    branding: { logo_url: null, primary_color: null, secondary_color: null, company_name: tenant.name, ...branding },
  };
}
