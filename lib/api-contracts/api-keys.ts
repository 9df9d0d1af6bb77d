import { z } from "zod";
import { defineRoute, PLATFORM_ACCESS_NOTE } from "@/lib/api-contracts/define-route";
import { createTenantApiKeySchema } from "@/lib/schemas/tenant-api-keys";

/** lib/auth/api-keys' ApiKeyView: what is shown of a key, never its secret. */
const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.string(),
  prefix: z.string(),
  permissions: z.array(z.string()),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
  expires_at: z.string().nullable(),
});

export const listTenantApiKeys = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/api-keys",
  tag: "Tenant API keys",
  summary: "List the tenant's API keys (never their secrets)",
  description: `Needs api_keys:manage. ${PLATFORM_ACCESS_NOTE}`,
  access: { tenant: "api_keys:manage" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "API keys", data: z.object({ api_keys: z.array(apiKeySchema) }) } },
  errors: [401, 403, 404],
});

export const createTenantApiKey = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/api-keys",
  tag: "Tenant API keys",
  summary: "Create a tenant API key; the secret is in this answer once",
  description: "Permissions are a subset of the creator's own in the tenant. API keys cannot create keys: a member or platform staff must. Without expires_in_days or expires_at the key never expires.",
  access: { tenant: "api_keys:manage", tenantSide: "members" },
  rateLimit: "tenant_queries",
  body: createTenantApiKeySchema,
  bodyParsedBy: "service",
  headers: ["idempotency-key"],
  responses: { 201: { description: "Created", data: z.object({ key: z.string(), api_key: apiKeySchema }) } },
  errors: [400, 401, 403, 404],
});

export const revokeTenantApiKey = defineRoute({
  method: "DELETE",
  path: "/api/v1/tenants/{id}/api-keys/{key_id}",
  tag: "Tenant API keys",
  summary: "Revoke a tenant API key: it stops working at once",
  access: { tenant: "api_keys:manage" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Revoked", data: z.object({ api_key: apiKeySchema }) } },
  errors: [401, 403, 404],
});
