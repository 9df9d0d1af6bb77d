import { defineRoute } from "@/lib/api-contracts/define-route";
import { createTenantSchema, deleteTenantQuerySchema, emptyBodySchema, listTenantsQuerySchema, suspendTenantSchema, updateTenantSchema } from "@/lib/schemas/tenant";
import {
  createTenantResponseSchema,
  deleteTenantResponseSchema,
  tenantDetailResponseSchema,
  tenantListResponseSchema,
  tenantStateResponseSchema,
  updateTenantResponseSchema,
} from "@/lib/schemas/tenant-responses";

export const listTenants = defineRoute({
  method: "GET",
  path: "/api/v1/tenants",
  tag: "Tenants",
  summary: "List tenants",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: listTenantsQuerySchema,
  responses: { 200: { description: "A page of tenants", data: tenantListResponseSchema } },
  errors: [400, 401, 403],
});

export const createTenant = defineRoute({
  method: "POST",
  path: "/api/v1/tenants",
  tag: "Tenants",
  summary: "Create and provision a tenant",
  description: "Waits for provisioning by default (201). With `Prefer: respond-async` answers 202 at once; poll GET /api/v1/tenants/{id}.",
  access: { platform: "tenants:create" },
  rateLimit: "tenant_creation",
  body: createTenantSchema,
  bodyErrorCode: "invalid_tenant_config",
  headers: ["idempotency-key", "prefer"],
  responses: {
    201: { description: "Provisioned", data: createTenantResponseSchema },
    202: { description: "Accepted; provisioning continues", data: createTenantResponseSchema },
  },
  errors: [400, 401, 403, 409, 413, 415, 422, 429, 500],
});

export const getTenant = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}",
  tag: "Tenants",
  summary: "Get a tenant with usage, limits, features and branding",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "The tenant", data: tenantDetailResponseSchema, etag: true } },
  errors: [401, 403, 404],
});

export const updateTenant = defineRoute({
  method: "PUT",
  path: "/api/v1/tenants/{id}",
  tag: "Tenants",
  summary: "Update settings, limits, features, branding, plan",
  description: "Changing the plan resets limits and features to the new plan's defaults before the explicit values in the same request apply.",
  access: { platform: "tenants:update" },
  rateLimit: "tenant_queries",
  body: updateTenantSchema,
  bodyErrorCode: "invalid_tenant_config",
  headers: ["if-match"],
  responses: { 200: { description: "Changes applied", data: updateTenantResponseSchema, etag: true } },
  errors: [400, 401, 403, 404, 409, 412, 413],
});

export const deleteTenant = defineRoute({
  method: "DELETE",
  path: "/api/v1/tenants/{id}",
  tag: "Tenant lifecycle",
  summary: "Schedule deletion",
  description: "The tenant stops serving at once and is purged with all its data after the grace period; until then POST …/cancel-deletion restores it.",
  access: { platform: "tenants:delete" },
  rateLimit: "tenant_queries",
  query: deleteTenantQuerySchema,
  responses: { 200: { description: "Deletion scheduled", data: deleteTenantResponseSchema, etag: true } },
  errors: [400, 401, 403, 404, 409],
});

/** The four status changes share one shape: an optional body, If-Match, the tenant after the change. */
const lifecycle = {
  method: "POST",
  tag: "Tenant lifecycle",
  bodyOptional: true,
  headers: ["if-match", "idempotency-key"],
  responses: { 200: { description: "The tenant after the change", data: tenantStateResponseSchema, etag: true } },
  errors: [400, 401, 403, 404, 409, 412],
} as const;

export const suspendTenant = defineRoute({
  ...lifecycle,
  path: "/api/v1/tenants/{id}/suspend",
  summary: "Suspend an active tenant (portal shows a suspended page, tenant API answers 403 tenant_suspended)",
  access: { platform: "tenants:suspend" },
  rateLimit: "tenant_queries",
  body: suspendTenantSchema,
});

export const reactivateTenant = defineRoute({
  ...lifecycle,
  path: "/api/v1/tenants/{id}/reactivate",
  summary: "Reactivate a suspended or archived tenant",
  access: { platform: "tenants:suspend" },
  rateLimit: "tenant_queries",
  body: emptyBodySchema,
});

export const archiveTenant = defineRoute({
  ...lifecycle,
  path: "/api/v1/tenants/{id}/archive",
  summary: "Archive an active or suspended tenant (data kept, portal closed)",
  access: { platform: "tenants:archive" },
  rateLimit: "tenant_queries",
  body: emptyBodySchema,
});

export const cancelTenantDeletion = defineRoute({
  ...lifecycle,
  path: "/api/v1/tenants/{id}/cancel-deletion",
  summary: "Restore a tenant scheduled for deletion, before its final deletion date",
  access: { platform: "tenants:delete" },
  rateLimit: "tenant_queries",
  body: emptyBodySchema,
});
