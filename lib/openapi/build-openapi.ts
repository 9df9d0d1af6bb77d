import { z } from "zod";
import { createTenantSchema, deleteTenantQuerySchema, listTenantsQuerySchema, suspendTenantSchema, updateTenantSchema } from "@/lib/schemas/tenant";
import {
  createTenantResponseSchema,
  deleteTenantResponseSchema,
  errorEnvelopeSchema,
  tenantDetailResponseSchema,
  tenantListResponseSchema,
  tenantStateResponseSchema,
  updateTenantResponseSchema,
} from "@/lib/schemas/tenant-responses";

// OpenAPI 3.1 uses JSON Schema 2020-12, which is what z.toJSONSchema emits,
// so the document is generated from the very schemas the handlers parse with.
const json = (schema: z.ZodType, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any" });

const envelope = (data: z.ZodType) => ({
  type: "object",
  required: ["status", "data"],
  properties: { status: { const: "success" }, data: json(data, "output") },
});

const ok = (description: string, data: z.ZodType, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: { "application/json": { schema: envelope(data) } },
});

const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/Error${c}` }]));

const ERROR_TEXT: Record<number, string> = {
  400: "invalid_tenant_config, invalid_request, invalid_json, schema_name_exists, domain_already_used, limits_exceeded",
  401: "authentication_required",
  403: "admin_privileges_required, tenant_access_denied, cross_tenant_access_denied, origin_not_allowed",
  404: "tenant_not_found",
  409: "invalid_state, idempotency_request_in_progress",
  412: "precondition_failed (If-Match does not match the current ETag)",
  413: "payload_too_large (body over 1 MB)",
  415: "unsupported_media_type",
  422: "idempotency_key_reused",
  429: "rate_limit_exceeded, tenant_limit_exceeded",
  500: "schema_creation_failed, migration_failed, internal_error",
};

function queryParameters(schema: z.ZodObject) {
  const full = json(schema, "input") as { properties: Record<string, object>; required?: string[] };
  return Object.entries(full.properties).map(([name, s]) => ({ name, in: "query", required: full.required?.includes(name) ?? false, schema: s }));
}

const idParam = { name: "id", in: "path", required: true, schema: { type: "string", example: "tenant_1234567890abcdef" } };
const idempotencyKey = { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Retries with the same key and body return the first response (kept 24 h)." };
const ifMatch = { name: "If-Match", in: "header", required: false, schema: { type: "string" }, description: "The ETag from GET; a stale value answers 412." };
const etagHeader = { ETag: { schema: { type: "string" } } };

function lifecycle(summary: string, body: z.ZodType | null) {
  return {
    post: {
      tags: ["Tenant lifecycle"],
      summary,
      parameters: [idParam, ifMatch, idempotencyKey],
      ...(body ? { requestBody: { required: false, content: { "application/json": { schema: json(body, "input") } } } } : {}),
      responses: { "200": ok("The tenant after the change", tenantStateResponseSchema, etagHeader), ...errors(400, 401, 403, 404, 409, 412) },
    },
  };
}

export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "Atrium API",
      version: "1.0.0",
      description:
        "Platform-scope API of the Atrium multi-tenant console. Every response is an envelope: {status: \"success\", data} or {status: \"error\", error: {code, message, details}}. Unknown fields are rejected with the field's path in details.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [{ name: "Tenants" }, { name: "Tenant lifecycle" }],
    paths: {
      "/api/v1/tenants": {
        get: {
          tags: ["Tenants"],
          summary: "List tenants",
          parameters: queryParameters(listTenantsQuerySchema),
          responses: { "200": ok("A page of tenants", tenantListResponseSchema), ...errors(400, 401, 403) },
        },
        post: {
          tags: ["Tenants"],
          summary: "Create and provision a tenant",
          description: "Waits for provisioning by default (201). With `Prefer: respond-async` answers 202 at once; poll GET /api/v1/tenants/{id}.",
          parameters: [idempotencyKey, { name: "Prefer", in: "header", required: false, schema: { type: "string", enum: ["respond-async"] } }],
          requestBody: { required: true, content: { "application/json": { schema: json(createTenantSchema, "input") } } },
          responses: {
            "201": ok("Provisioned", createTenantResponseSchema),
            "202": ok("Accepted; provisioning continues", createTenantResponseSchema),
            ...errors(400, 401, 403, 409, 413, 415, 422, 429, 500),
          },
        },
      },
      "/api/v1/tenants/{id}": {
        get: {
          tags: ["Tenants"],
          summary: "Get a tenant with usage, limits, features and branding",
          parameters: [idParam],
          responses: { "200": ok("The tenant", tenantDetailResponseSchema, etagHeader), ...errors(401, 403, 404) },
        },
        put: {
          tags: ["Tenants"],
          summary: "Update settings, limits, features, branding, plan",
          description: "Changing the plan resets limits and features to the new plan's defaults before the explicit values in the same request apply.",
          parameters: [idParam, ifMatch],
          requestBody: { required: true, content: { "application/json": { schema: json(updateTenantSchema, "input") } } },
          responses: { "200": ok("Changes applied", updateTenantResponseSchema, etagHeader), ...errors(400, 401, 403, 404, 409, 412, 413) },
        },
        delete: {
          tags: ["Tenant lifecycle"],
          summary: "Schedule deletion",
          description: "The tenant stops serving at once and is purged with all its data after the grace period; until then POST …/cancel-deletion restores it.",
          parameters: [idParam, ...queryParameters(deleteTenantQuerySchema)],
          responses: { "200": ok("Deletion scheduled", deleteTenantResponseSchema, etagHeader), ...errors(400, 401, 403, 404, 409) },
        },
      },
      "/api/v1/tenants/{id}/suspend": lifecycle("Suspend an active tenant (portal shows a suspended page, tenant API answers 403 tenant_suspended)", suspendTenantSchema),
      "/api/v1/tenants/{id}/reactivate": lifecycle("Reactivate a suspended or archived tenant", null),
      "/api/v1/tenants/{id}/archive": lifecycle("Archive an active or suspended tenant (data kept, portal closed)", null),
      "/api/v1/tenants/{id}/cancel-deletion": lifecycle("Restore a tenant scheduled for deletion, before its final deletion date", null),
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A platform API key (atr_…), shown once at creation." } },
      responses: Object.fromEntries(
        Object.entries(ERROR_TEXT).map(([code, text]) => [`Error${code}`, { description: text, content: { "application/json": { schema: json(errorEnvelopeSchema, "output") } } }]),
      ),
    },
  };
}
