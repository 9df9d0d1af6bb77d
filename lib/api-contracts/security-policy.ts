import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";
import {
  addEmailDomainSchema,
  emailDomainListSchema,
  emailDomainResponseSchema,
  securityPolicyResponseSchema,
  securityPolicyUpdateSchema,
  updateEmailDomainSchema,
} from "@/lib/schemas/security-policy";

const ACCESS_NOTE = "Members and tenant keys need security:manage (reading too: the policy reveals the IP allowlist). Platform callers: reads need tenants:read, changes tenants:update.";

export const getSecurityPolicy = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/security",
  tag: "Tenant security",
  summary: "The tenant's security policy (defaults when never saved) and the caller's address",
  description: ACCESS_NOTE,
  access: { tenant: "security:manage", platform: "tenants:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The policy", data: securityPolicyResponseSchema } },
  errors: [401, 403, 404],
});

export const updateSecurityPolicy = defineRoute({
  method: "PUT",
  path: "/api/v1/tenants/{id}/security",
  tag: "Tenant security",
  summary: "Change the security policy: fields left out keep their value",
  description:
    ACCESS_NOTE +
    " Every bad field is named in one 400 invalid_request and nothing is written. A member or tenant key whose own address would fall outside a new ip_allowlist gets 400 ip_allowlist_lockout. Member sessions may need a recent sign-in (403 reauthentication_required). Audited as security.policy_updated with the changed fields before and after.",
  access: { tenant: "security:manage", platform: "tenants:update" },
  rateLimit: "tenant_queries",
  body: securityPolicyUpdateSchema,
  bodyParsedBy: "service",
  responses: { 200: { description: "Saved", data: securityPolicyResponseSchema } },
  errors: [400, 401, 403, 404],
});

export const listEmailDomains = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/security/email-domains",
  tag: "Tenant security",
  summary: "The tenant's email domains, their TXT proof and capture role",
  description: ACCESS_NOTE,
  access: { tenant: "security:manage", platform: "tenants:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Email domains", data: emailDomainListSchema } },
  errors: [401, 403, 404],
});

export const addEmailDomain = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/security/email-domains",
  tag: "Tenant security",
  summary: "Add an email domain (pending until its TXT record is verified)",
  description: "Publish the returned verification value as a TXT record at _atrium-challenge.<domain>, then POST …/verify. capture_role may be set once verified.",
  access: { tenant: "security:manage", platform: "tenants:update" },
  rateLimit: "domain_configuration",
  body: addEmailDomainSchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 201: { description: "Added", data: emailDomainResponseSchema } },
  errors: [400, 401, 403, 404, 409],
});

export const verifyEmailDomain = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/security/email-domains/{domain}/verify",
  tag: "Tenant security",
  summary: "Look up the TXT record at _atrium-challenge.<domain> now",
  description: "Verified when the record holds the domain's token (and no other tenant verified the domain first); otherwise last_error says why. Answers 200 either way.",
  access: { tenant: "security:manage", platform: "tenants:update" },
  rateLimit: "domain_configuration",
  headers: ["idempotency-key"],
  responses: { 200: { description: "The domain after the check", data: emailDomainResponseSchema } },
  errors: [401, 403, 404],
});

export const updateEmailDomain = defineRoute({
  method: "PATCH",
  path: "/api/v1/tenants/{id}/security/email-domains/{domain}",
  tag: "Tenant security",
  summary: "Set or clear the capture role: new sign-ups with an address on the domain join in it",
  description: "Only a verified domain captures; the role must exist in the tenant and may not be the owner role.",
  access: { tenant: "security:manage", platform: "tenants:update" },
  rateLimit: "tenant_queries",
  body: updateEmailDomainSchema,
  bodyParsedBy: "service",
  responses: { 200: { description: "Saved", data: emailDomainResponseSchema } },
  errors: [400, 401, 403, 404, 409],
});

export const removeEmailDomain = defineRoute({
  method: "DELETE",
  path: "/api/v1/tenants/{id}/security/email-domains/{domain}",
  tag: "Tenant security",
  summary: "Remove an email domain (capture stops at once)",
  access: { tenant: "security:manage", platform: "tenants:update" },
  rateLimit: "domain_configuration",
  responses: { 200: { description: "Removed", data: z.object({ removed: z.literal(true), domain: z.string() }) } },
  errors: [401, 403, 404],
});
