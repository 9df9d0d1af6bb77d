import { defineRoute, PLATFORM_ACCESS_NOTE } from "@/lib/api-contracts/define-route";
import {
  byDomainQuerySchema,
  byDomainResponseSchema,
  configureDomainsResponseSchema,
  configureDomainsSchema,
  domainListResponseSchema,
  domainResponseSchema,
  removeDomainResponseSchema,
  testDomainResponseSchema,
  testDomainSchema,
} from "@/lib/schemas/domains";

export const listDomains = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/domains",
  tag: "Tenant domains",
  summary: "List the tenant's custom domains with their verification state",
  description: "Members and tenant keys need domains:manage. " + PLATFORM_ACCESS_NOTE,
  access: { tenant: "domains:manage", platform: "tenants:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Domains, primary first", data: domainListResponseSchema } },
  errors: [401, 403, 404],
});

export const configureDomains = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/domains",
  tag: "Tenant domains",
  summary: "Configure custom domains (seed 000 request shape)",
  description:
    "Adds the domains not yet configured (pending until the TXT record in dns_records is published and verified) and updates the settings of those that are. Each `redirects` source becomes a domain of its own that redirects to the primary once verified. All or nothing: a domain of another tenant answers 400 domain_already_used. IP addresses, localhost and the console's own domain are refused. 201 when a domain was added, else 200.",
  access: { tenant: "domains:manage" },
  rateLimit: "domain_configuration",
  body: configureDomainsSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 201: { description: "Configured", data: configureDomainsResponseSchema }, 200: { description: "Settings updated", data: configureDomainsResponseSchema } },
  errors: [400, 401, 403, 404, 409],
});

export const testDomain = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/domains/test",
  tag: "Tenant domains",
  summary: "Run the proxy's own resolution for a domain and paths",
  access: { tenant: "domains:manage" },
  rateLimit: "tenant_queries",
  body: testDomainSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 200: { description: "What each path would get", data: testDomainResponseSchema } },
  errors: [400, 401, 403, 404],
});

export const verifyDomain = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/domains/{domain_id}/verify",
  tag: "Tenant domains",
  summary: "Look up the TXT record at _atrium-challenge.<domain> now",
  description: "verified when the record holds the domain's token; failed with last_error otherwise. Answers 200 either way.",
  access: { tenant: "domains:manage" },
  rateLimit: "domain_configuration",
  headers: ["idempotency-key"],
  responses: { 200: { description: "The domain after the check", data: domainResponseSchema } },
  errors: [401, 403, 404],
});

export const setPrimaryDomain = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/domains/{domain_id}/primary",
  tag: "Tenant domains",
  summary: "Make this domain the primary; other verified domains redirect to it (308) once it is verified",
  access: { tenant: "domains:manage" },
  rateLimit: "domain_configuration",
  headers: ["idempotency-key"],
  responses: { 200: { description: "The new primary", data: domainResponseSchema } },
  errors: [401, 403, 404, 409],
});

export const removeDomain = defineRoute({
  method: "DELETE",
  path: "/api/v1/tenants/{id}/domains/{domain_id}",
  tag: "Tenant domains",
  summary: "Remove a domain: it stops routing at once and is free for another tenant",
  access: { tenant: "domains:manage" },
  rateLimit: "domain_configuration",
  responses: { 200: { description: "Removed", data: removeDomainResponseSchema } },
  errors: [401, 403, 404],
});

export const tenantByDomain = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/by-domain",
  tag: "Tenant domains",
  summary: "The tenant served at a domain (a verified custom domain or <slug>.<root>), with routing and branding",
  description: "Needs tenants:read. Pending, failed and unknown domains answer 404 tenant_not_found.",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: byDomainQuerySchema,
  responses: { 200: { description: "The tenant", data: byDomainResponseSchema } },
  errors: [400, 401, 403, 404],
});
