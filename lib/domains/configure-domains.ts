import { randomBytes } from "node:crypto";
import { publishEvent } from "@/lib/events/publish-event";
import type { Tx } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { verifiedOwner } from "@/lib/domains/domain-claim";
import { limitDomainConfiguration } from "@/lib/domains/domain-access";
import { dnsRecordsFor, newDomainId, newVerificationToken, serializeDomain } from "@/lib/domains/serialize-domain";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { configureDomainsSchema, type CustomRouting } from "@/lib/schemas/domains";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** `redirectsTo` marks a seed `redirects` source: a domain of its own, but not one the request configured. */
export type Wanted = { domain: string; primary: boolean; sslEnabled: boolean; customRouting: CustomRouting | null; path: string; redirectsTo?: string };

/** The request's entries, plus each redirect source as a non-primary domain of its own. */
function wantedDomains(input: ReturnType<typeof configureDomainsSchema.parse>): Wanted[] {
  const out: Wanted[] = [];
  input.domains.forEach((d, i) => {
    out.push({ domain: d.domain, primary: d.primary, sslEnabled: d.ssl_enabled, customRouting: d.custom_routing ?? null, path: `domains.${i}.domain` });
    for (const from of Object.keys(d.redirects ?? {})) out.push({ domain: from, primary: false, sslEnabled: d.ssl_enabled, customRouting: null, path: `domains.${i}.redirects.${from}`, redirectsTo: d.domain });
  });
  const seen = new Map<string, string>();
  for (const w of out) {
    if (seen.has(w.domain)) throw new AppError("invalid_request", `${w.path}: ${w.domain} appears twice in this request`, [{ path: w.path, message: `Also given at ${seen.get(w.domain)}` }]);
    seen.set(w.domain, w.path);
  }
  return out;
}

const alreadyUsed = (w: Wanted) => new AppError("domain_already_used", `${w.path}: ${w.domain} is already verified by another tenant`, [{ path: w.path, message: "Already used by another tenant" }]);

/** Adds one domain (pending, with a new TXT token) or updates the settings of one the tenant already lists. */
export async function upsert(tx: Tx, tenantId: string, w: Wanted) {
  const owner = await verifiedOwner(tx, w.domain);
  if (owner && owner !== tenantId) throw alreadyUsed(w);
  const existing = await tx.tenantDomain.findFirst({ where: { tenantId, domain: w.domain } });
  const customRouting = (w.customRouting ?? undefined) as Prisma.InputJsonValue | undefined;
  try {
    if (existing) {
      // A re-sent entry keeps its token and state: only its settings change, and it is never demoted from primary by omission.
      const row = await tx.tenantDomain.update({
        where: { tenantId_id: { tenantId, id: existing.id } },
        data: { isPrimary: existing.isPrimary || w.primary, sslEnabled: w.sslEnabled, customRouting: customRouting ?? Prisma.DbNull },
      });
      return { row, before: existing, created: false };
    }
    const row = await tx.tenantDomain.create({
      data: { tenantId, id: newDomainId(), domain: w.domain, isPrimary: w.primary, verificationToken: newVerificationToken(), sslEnabled: w.sslEnabled, customRouting },
    });
    return { row, before: null, created: true };
  } catch (err) {
    const index = uniqueViolation(err);
    if (index?.includes("one_primary") || index?.includes("tenant_id_domain")) throw new AppError("invalid_state", "Another request changed this tenant's domains at the same time; try again");
    if (index) throw alreadyUsed(w);
    throw err;
  }
}

/**
 * Seed 000 POST /tenants/{id}/domains: adds the domains not yet configured
 * (pending until their TXT record is verified) and updates the settings of
 * those that are. All or nothing: one domain already used by another tenant
 * refuses the whole request. Answers with the DNS records to publish.
 */
export async function configureDomains(actor: TenantActor, tenantId: string, input: unknown) {
  const body = parseOrThrow(configureDomainsSchema, input);
  const wanted = wantedDomains(body);
  await limitDomainConfiguration(actor, tenantId);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "domains:manage", tx);
    const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { features: true } });
    if ((tenant?.features as Record<string, unknown> | null)?.custom_domains !== true) {
      throw new AppError("invalid_tenant_config", "Custom domains are not part of this tenant's plan (feature custom_domains)", [{ path: "domains", message: "Feature custom_domains is off" }]);
    }
    const primary = wanted.find((w) => w.primary);
    // At most one primary per tenant (a partial unique index): step the old one down first.
    if (primary) await tx.tenantDomain.updateMany({ where: { tenantId, isPrimary: true, NOT: { domain: primary.domain } }, data: { isPrimary: false } });
    const results = [];
    for (const w of wanted) results.push({ ...(await upsert(tx, tenantId, w)), redirectsTo: w.redirectsTo });
    const routingId = `route_${randomBytes(8).toString("hex")}`;
    for (const r of results) {
      await publishEvent(tx, access.auditCaller, {
        tenantId,
        action: r.created ? "domain.added" : "domain.updated",
        targetType: "domain",
        targetId: r.row.id,
        targetLabel: r.row.domain,
        before: r.before ? { primary: r.before.isPrimary, ssl_enabled: r.before.sslEnabled, custom_routing: r.before.customRouting } : undefined,
        after: { domain: r.row.domain, primary: r.row.isPrimary, ssl_enabled: r.row.sslEnabled, custom_routing: r.row.customRouting, routing_id: routingId, routing_rules: body.routing_rules },
      });
    }
    const currentPrimary = await tx.tenantDomain.findFirst({ where: { tenantId, isPrimary: true }, select: { domain: true } });
    return {
      created: results.some((r) => r.created),
      body: {
        routing_id: routingId,
        // Seed 000 counts the request's domains; redirect sources are reported apart, under `redirects`.
        domains_configured: body.domains.length,
        redirects_configured: results.filter((r) => r.redirectsTo).length,
        primary_domain: currentPrimary?.domain ?? null,
        // Certificates are obtained by the TLS-terminating proxy on the first request after verification (on-demand TLS, asking /api/tls/ask).
        ssl_certificates: results
          .filter((r) => r.row.sslEnabled)
          .map((r) => ({ domain: r.row.domain, certificate_id: null, expires_at: null, auto_renewal: true, status: r.row.status === "verified" ? "issued_on_demand" : "awaiting_verification" })),
        dns_records: results.flatMap((r) => dnsRecordsFor(r.row).map((rec) => ({ domain: r.row.domain, ...rec }))),
        domains: results.filter((r) => !r.redirectsTo).map((r) => serializeDomain(r.row)),
        redirects: results.flatMap((r) => (r.redirectsTo ? [{ ...serializeDomain(r.row), redirects_to: r.redirectsTo }] : [])),
        // Accepted and recorded; HTTPS follows APP_PUBLIC_SCHEME and the TLS proxy, www.<domain> redirects once added as a domain.
        routing_rules: body.routing_rules ?? null,
      },
    };
  });
}
