import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";
import { createTenantResponseSchema } from "@/lib/schemas/tenant-responses";
import {
  createTemplateSchema,
  listTemplatesQuerySchema,
  provisionFromTemplateSchema,
  templateDiffEntrySchema,
  templateListResponseSchema,
  templateResponseSchema,
  templateVersionQuerySchema,
  templateVersionsResponseSchema,
  updateTemplateSchema,
} from "@/lib/schemas/templates";

const TAG = "Tenant templates";

export const listTenantTemplates = defineRoute({
  method: "GET",
  path: "/api/v1/tenant-templates",
  tag: TAG,
  summary: "List templates with their current version",
  description: "Built-in starters (one per plan) first. Archived templates only with `include_archived=true`.",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: listTemplatesQuerySchema,
  responses: { 200: { description: "The templates", data: templateListResponseSchema } },
  errors: [400, 401, 403],
});

export const createTenantTemplate = defineRoute({
  method: "POST",
  path: "/api/v1/tenant-templates",
  tag: TAG,
  summary: "Create a template (version 1)",
  description:
    "Starter SQL is parsed with PostgreSQL's parser and checked like the SQL console's writes (INSERT, UPDATE, DELETE on the tenant's own tables); a statement that may not run is a 400 naming it. Webhook endpoints carry no secret: each provisioned endpoint gets its own.",
  access: { platform: "templates:manage" },
  rateLimit: "tenant_queries",
  body: createTemplateSchema,
  bodyParsedBy: "service",
  responses: { 201: { description: "Created", data: templateResponseSchema } },
  errors: [400, 401, 403, 409, 413],
});

export const getTenantTemplate = defineRoute({
  method: "GET",
  path: "/api/v1/tenant-templates/{id}",
  tag: TAG,
  summary: "Get a template with one version's definition",
  description: "The current version, or `?version=` for an older one (archived templates too: tenants keep theirs).",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: templateVersionQuerySchema,
  responses: { 200: { description: "The template", data: templateResponseSchema } },
  errors: [400, 401, 403, 404],
});

export const updateTenantTemplate = defineRoute({
  method: "PUT",
  path: "/api/v1/tenant-templates/{id}",
  tag: TAG,
  summary: "Save a new version of a template",
  description: "Every PUT adds a version (the definition sent, or the current one when only name or description change); versions are never edited. Archived templates cannot be edited.",
  access: { platform: "templates:manage" },
  rateLimit: "tenant_queries",
  body: updateTemplateSchema,
  bodyParsedBy: "service",
  responses: { 200: { description: "The new version", data: templateResponseSchema } },
  errors: [400, 401, 403, 404, 409, 413],
});

export const deleteTenantTemplate = defineRoute({
  method: "DELETE",
  path: "/api/v1/tenant-templates/{id}",
  tag: TAG,
  summary: "Archive a template",
  description: "The template leaves the pickers; its versions stay and tenants keep their recorded version. Built-in starters cannot be deleted (409).",
  access: { platform: "templates:manage" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Archived", data: templateResponseSchema } },
  errors: [401, 403, 404, 409],
});

export const listTenantTemplateVersions = defineRoute({
  method: "GET",
  path: "/api/v1/tenant-templates/{id}/versions",
  tag: TAG,
  summary: "List a template's versions",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Newest first, with how many tenants record each", data: templateVersionsResponseSchema } },
  errors: [401, 403, 404],
});

export const compareTenantWithTemplate = defineRoute({
  method: "GET",
  path: "/api/v1/tenant-templates/{id}/diff",
  tag: TAG,
  summary: "What applying the template to a tenant would change",
  description: "One entry per field (`plan`, `limits.users`, `roles.Support`, `webhook_endpoints.<url>`, `template`); empty when the tenant already matches.",
  access: { platform: "tenants:read" },
  rateLimit: "tenant_queries",
  query: templateVersionQuerySchema.extend({ tenant_id: z.string().trim().min(1, "Name a tenant").max(64) }),
  responses: { 200: { description: "The differences", data: z.object({ tenant_id: z.string(), template_id: z.string(), version: z.number().int(), diff: z.array(templateDiffEntrySchema) }) } },
  errors: [400, 401, 403, 404],
});

export const provisionTenantFromTemplate = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/provision-from-template",
  tag: "Tenants",
  summary: "Create and provision a tenant from a template",
  description:
    "The same answers as POST /api/v1/tenants (201 when provisioned, 202 with `Prefer: respond-async`), with the template's steps (template_settings, template_roles, template_webhooks, template_starter_data) among the provisioning steps. The tenant records the template version. `admin_email` defaults to the signed-in staff member.",
  access: { platform: "tenants:create" },
  rateLimit: "tenant_creation",
  body: provisionFromTemplateSchema,
  bodyErrorCode: "invalid_tenant_config",
  headers: ["idempotency-key", "prefer"],
  responses: {
    201: { description: "Provisioned", data: createTenantResponseSchema },
    202: { description: "Accepted; provisioning continues", data: createTenantResponseSchema },
  },
  errors: [400, 401, 403, 404, 409, 413, 415, 422, 429, 500],
});
