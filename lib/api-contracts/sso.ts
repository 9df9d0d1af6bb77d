import { defineRoute } from "@/lib/api-contracts/define-route";
import { deleteSsoConnectionResponseSchema, saveSsoConnectionSchema, ssoConnectionResponseSchema, testSsoConnectionResponseSchema, testSsoConnectionSchema } from "@/lib/schemas/sso";

const ACCESS_NOTE = "Members and tenant keys need security:manage; platform staff tenants:read to look and tenants:update to change.";

export const getSsoConnection = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/sso",
  tag: "Tenant single sign-on",
  summary: "The tenant's OpenID Connect identity provider (never its client secret) and the redirect URI to register",
  description: `connection is null when none is configured. ${ACCESS_NOTE}`,
  access: { tenant: "security:manage", platform: "tenants:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The connection", data: ssoConnectionResponseSchema } },
  errors: [401, 403, 404],
});

export const saveSsoConnection = defineRoute({
  method: "PUT",
  path: "/api/v1/tenants/{id}/sso",
  tag: "Tenant single sign-on",
  summary: "Configure the identity provider (issuer, client, claim mapping, roles); members then see \"Continue with <display_name>\" when enabled",
  description: `client_secret is write-only: required the first time, kept when left out, answered as "•••• set"; it is stored sealed (AES-256-GCM, SECRETS_ENCRYPTION_KEY). Roles must exist; owner is never granted by single sign-on. Just-in-time membership applies only to the tenant's verified email domains. Does not contact the provider: POST …/sso/test does. ${ACCESS_NOTE}`,
  access: { tenant: "security:manage" },
  rateLimit: "tenant_queries",
  body: saveSsoConnectionSchema,
  bodyParsedBy: "service",
  responses: { 200: { description: "Saved", data: ssoConnectionResponseSchema } },
  errors: [400, 401, 403, 404],
});

export const deleteSsoConnection = defineRoute({
  method: "DELETE",
  path: "/api/v1/tenants/{id}/sso",
  tag: "Tenant single sign-on",
  summary: "Remove the identity provider and its secret; members keep their accounts",
  access: { tenant: "security:manage" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "deleted is false when there was none", data: deleteSsoConnectionResponseSchema } },
  errors: [401, 403, 404],
});

export const testSsoConnection = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/sso/test",
  tag: "Tenant single sign-on",
  summary: "Fetch the provider's discovery document now and check its issuer matches exactly",
  description: "Tests the body's issuer, else the stored one. Answers 200 with ok false and error for an unreachable provider, an issuer mismatch or missing endpoints.",
  access: { tenant: "security:manage" },
  rateLimit: "tenant_queries",
  body: testSsoConnectionSchema,
  bodyParsedBy: "service",
  bodyOptional: true,
  headers: ["idempotency-key"],
  responses: { 200: { description: "The check", data: testSsoConnectionResponseSchema } },
  errors: [400, 401, 403, 404],
});
