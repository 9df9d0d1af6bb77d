import { z } from "zod";
import type { RouteContract, RouteHeader } from "@/lib/api-contracts/define-route";
import { API_CONTRACTS } from "@/lib/api-contracts/registry";
import { RATE_LIMIT_CLASSES, type RateLimitClass } from "@/lib/http/rate-limit-classes";
import { describeWindow } from "@/lib/http/rate-limit";
import { errorEnvelopeSchema } from "@/lib/schemas/tenant-responses";
import { webhookEventPayloadSchema } from "@/lib/schemas/webhooks";
import { eventTypeCatalogue } from "@/lib/webhooks/list-event-types";

// OpenAPI 3.1 uses JSON Schema 2020-12, which is what z.toJSONSchema emits,
// so the document is generated from the very schemas the handlers parse with.
const json = (schema: z.ZodType, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any" });

const envelope = (data: z.ZodType) => ({
  type: "object",
  required: ["status", "data"],
  properties: { status: { const: "success" }, data: json(data, "output") },
});

const ERROR_TEXT: Record<number, string> = {
  400: "invalid_tenant_config, invalid_request, invalid_json, schema_name_exists, domain_already_used, limits_exceeded, billing_approval_required",
  401: "authentication_required",
  403: "admin_privileges_required, tenant_access_denied, cross_tenant_access_denied, origin_not_allowed",
  404: "tenant_not_found, not_found (no such member, role or membership role)",
  408: "query_timeout (a tenant-schema statement ran past its timeout and was cancelled)",
  409: "invalid_state (e.g. the last active owner, already a member), idempotency_request_in_progress, concurrent_update (lost a race with simultaneous changes; nothing changed, send it again)",
  412: "precondition_failed (If-Match does not match the current ETag)",
  413: "payload_too_large (body over 1 MB)",
  415: "unsupported_media_type",
  422: "idempotency_key_reused",
  429: "rate_limit_exceeded, tenant_limit_exceeded, storage_quota_exceeded, connection_pool_full",
  500: "schema_creation_failed, migration_failed, internal_error",
  503: "service_unavailable (overloaded: no database connection was free in time; nothing changed, retry after Retry-After)",
};

// Path parameters by name; a contract's path may only use these, so each is documented alike everywhere.
const PATH_PARAMS: Record<string, object> = {
  id: { name: "id", in: "path", required: true, schema: { type: "string", example: "tenant_1234567890abcdef" } },
  user_id: { name: "user_id", in: "path", required: true, schema: { type: "string", example: "user_1234567890abcdef" } },
  role_id: { name: "role_id", in: "path", required: true, schema: { type: "string", example: "manager" }, description: "A built-in role key or a custom role id" },
  domain_id: { name: "domain_id", in: "path", required: true, schema: { type: "string", example: "dom_1234567890abcdef" } },
  version: { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } },
  asset_id: { name: "asset_id", in: "path", required: true, schema: { type: "string" } },
  key_id: { name: "key_id", in: "path", required: true, schema: { type: "string", example: "key_1234567890abcdef" } },
  endpoint_id: { name: "endpoint_id", in: "path", required: true, schema: { type: "string", example: "whep_1234567890abcdef" } },
  delivery_id: { name: "delivery_id", in: "path", required: true, schema: { type: "string", example: "msg_0123456789abcdef0123456789abcdef" } },
  notice_id: { name: "notice_id", in: "path", required: true, schema: { type: "string", example: "notice_1234567890abcdef" } },
  run_id: { name: "run_id", in: "path", required: true, schema: { type: "string", example: "mig_1234567890abcdef" }, description: "A fleet migration run's id" },
  job_id: { name: "job_id", in: "path", required: true, schema: { type: "string", example: "exp_1234567890abcdef" }, description: "An export job's id (POST …/export)" },
  backup_id: { name: "backup_id", in: "path", required: true, schema: { type: "string", example: "backup_1234567890abcdef" } },
  restore_id: { name: "restore_id", in: "path", required: true, schema: { type: "string", example: "restore_1234567890abcdef" } },
  domain: { name: "domain", in: "path", required: true, schema: { type: "string", example: "acme.example" }, description: "An email domain of the tenant (lower case)" },
  request_id: { name: "request_id", in: "path", required: true, schema: { type: "string", example: "imp_1234567890abcdef" }, description: "A support access request's id" },
  broadcast_id: { name: "broadcast_id", in: "path", required: true, schema: { type: "string", example: "bct_1234567890abcdef" }, description: "A broadcast's id (POST /tenants/broadcast)" },
  invoice_id: { name: "invoice_id", in: "path", required: true, schema: { type: "string", example: "inv_1234567890abcdef" }, description: "An invoice's id" },
  key: { name: "key", in: "path", required: true, schema: { type: "string", enum: ["basic", "professional", "enterprise"] }, description: "A plan of the catalogue" },
  operation_id: { name: "operation_id", in: "path", required: true, schema: { type: "string", example: "bop_1234567890abcdef" }, description: "A bulk operation's id (POST /tenants/bulk)" },
};

const HEADER_PARAMS: Record<RouteHeader, object> = {
  "if-match": { name: "If-Match", in: "header", required: false, schema: { type: "string" }, description: "The ETag from GET; a stale value answers 412." },
  "idempotency-key": { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Retries with the same key and body return the first response (kept 24 h)." },
  prefer: { name: "Prefer", in: "header", required: false, schema: { type: "string", enum: ["respond-async"] } },
};

// draft-ietf-httpapi-ratelimit-headers, on every answer of a rate-limited operation after authorisation (a 401 or 403 is not counted).
const RATE_LIMIT_HEADERS = {
  "RateLimit-Policy": { $ref: "#/components/headers/RateLimit-Policy" },
  RateLimit: { $ref: "#/components/headers/RateLimit" },
};

const RATE_LIMIT_HEADER_COMPONENTS = {
  "RateLimit-Policy": {
    description:
      'The limits this request was counted against (IETF ratelimit-headers draft), the one closest to exhaustion first: `"<class>"` per caller, `"<class>_per_tenant"` on /tenants/{id} routes, `"api_key_hourly"` for a tenant\'s API keys together (its plan\'s calls per hour); `q` is the quota, `w` the window in seconds.',
    schema: { type: "string", example: '"tenant_queries";q=100;w=60, "tenant_queries_per_tenant";q=100;w=60' },
  },
  RateLimit: {
    description: "What remains of each policy (`r`) and in how many seconds the oldest request counted leaves its window (`t`; with `r=0`, when the next request is allowed).",
    schema: { type: "string", example: '"tenant_queries";r=42;t=17, "tenant_queries_per_tenant";r=87;t=3' },
  },
  "Retry-After": { description: "Seconds until the refused request would be allowed.", schema: { type: "integer", minimum: 1 } },
};

const RATE_LIMITED_RESPONSE = {
  description:
    "rate_limit_exceeded: one of the operation's rate limits is used up (nothing was done); tenant_limit_exceeded: a tenant resource limit (seats, uploads), or — for a tenant's API keys — the tenant is over its daily API calls plus grace with auto_enforce on (Retry-After: the next UTC day; POST /usage/events is exempt); storage_quota_exceeded: an upload while the tenant is over its storage quota; connection_pool_full: the tenant's database connections are all in use",
  headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" }, ...RATE_LIMIT_HEADERS },
  content: {
    "application/json": {
      schema: {
        type: "object",
        required: ["status", "error"],
        properties: {
          status: { const: "error" },
          error: {
            type: "object",
            required: ["code", "message"],
            properties: {
              code: { enum: ["rate_limit_exceeded", "tenant_limit_exceeded"] },
              message: { type: "string" },
              details: {
                type: "object",
                description: "For rate_limit_exceeded: the limit that refused the request.",
                properties: { limit: { type: "integer" }, window_seconds: { type: "integer" }, retry_after_seconds: { type: "integer" }, policy: { type: "string" } },
              },
            },
          },
        },
      },
      example: { status: "error", error: { code: "rate_limit_exceeded", message: "Too many tenant requests from this API key: at most 100 per minute. Try again in 17 seconds.", details: { limit: 100, window_seconds: 60, retry_after_seconds: 17, policy: "tenant_queries" } } },
    },
  },
};

function rateLimitNote(cls: RateLimitClass, path: string): string {
  const c = RATE_LIMIT_CLASSES[cls];
  const perTenant = path.startsWith("/api/v1/tenants/{id}") ? " and per tenant" : "";
  return `Rate limit: ${cls}, ${c.limit()} per ${describeWindow(c.windowSeconds)} per caller${perTenant} (${c.variable}); a tenant's API keys together also count against their plan's calls per hour.`;
}

export const pathParamNames = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);

function pathParameters(path: string) {
  return pathParamNames(path).map((name) => {
    const param = PATH_PARAMS[name];
    if (!param) throw new Error(`${path}: path parameter {${name}} is not described in build-openapi's PATH_PARAMS`);
    return param;
  });
}

function queryParameters(schema: z.ZodObject) {
  const full = json(schema, "input") as { properties: Record<string, object>; required?: string[] };
  return Object.entries(full.properties).map(([name, s]) => ({ name, in: "query", required: full.required?.includes(name) ?? false, schema: s }));
}

const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"];

function requestBody(c: RouteContract) {
  if (c.upload === "archive") {
    return {
      requestBody: {
        required: true,
        description: "An export archive's raw bytes (gzipped tar, as downloaded from an export).",
        content: Object.fromEntries(["application/gzip", "application/octet-stream"].map((t) => [t, { schema: { type: "string", format: "binary" } }])),
      },
    };
  }
  if (c.upload) {
    return {
      requestBody: {
        required: true,
        description: `The ${c.upload} image's raw bytes (PNG, JPEG or WebP; the type is read from the bytes, not the name or header).`,
        content: Object.fromEntries(IMAGE_TYPES.map((t) => [t, { schema: { type: "string", format: "binary" } }])),
      },
    };
  }
  if (!c.body) return {};
  return { requestBody: { required: !c.bodyOptional, content: { "application/json": { schema: json(c.body, "input") } } } };
}

function operation(c: RouteContract) {
  const limited = typeof c.rateLimit === "string" ? c.rateLimit : null;
  const parameters = [...pathParameters(c.path), ...(c.query ? queryParameters(c.query) : []), ...(c.headers ?? []).map((h) => HEADER_PARAMS[h])];
  const responses: Record<string, object> = Object.fromEntries(
    Object.entries(c.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.etag || limited ? { headers: { ...(r.etag ? { ETag: { schema: { type: "string" } } } : {}), ...(limited ? RATE_LIMIT_HEADERS : {}) } } : {}),
        ...(r.data ? { content: { "application/json": { schema: envelope(r.data) } } } : {}),
        ...(r.media ? { content: Object.fromEntries(r.media.map((m) => [m, { schema: { type: "string" } }])) } : {}),
      },
    ]),
  );
  for (const code of c.errors) responses[String(code)] = { $ref: `#/components/responses/Error${code}` };
  // Any operation can meet an overloaded server.
  responses["503"] = { $ref: "#/components/responses/Error503" };
  if (limited) responses["429"] = { $ref: "#/components/responses/RateLimited" };
  const description = [c.description, limited ? rateLimitNote(limited, c.path) : null].filter(Boolean).join("\n\n");
  return {
    tags: [c.tag],
    summary: c.summary,
    ...(description ? { description } : {}),
    ...(limited ? { "x-rate-limit-class": limited } : {}),
    ...(c.access === "public" ? { security: [] } : {}),
    parameters,
    ...requestBody(c),
    responses,
  };
}

const WEBHOOK_HEADERS = {
  "webhook-id": "The event id: the deduplication key, the same on every retry and replay",
  "webhook-timestamp": "Unix seconds of this attempt (replay protection: refuse old ones)",
  "webhook-signature": "v1,<base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`> keyed with the base64-decoded secret after whsec_; space-separated pair during a secret rotation",
  "X-Signature": "sha256=<hex HMAC-SHA256 of the body>, same key; comma-separated pair during a rotation",
  "X-Tenant-ID": "The event's tenant (empty for platform events)",
  "X-Event-Type": "The event type",
};

/** OpenAPI 3.1's `webhooks`: what Atrium POSTs to endpoints, one entry per event type with its example. */
function webhookOperations() {
  const schema = json(webhookEventPayloadSchema, "output");
  return Object.fromEntries(
    eventTypeCatalogue().map((e) => [
      e.type,
      {
        post: {
          tags: ["Webhook events"],
          summary: `${e.type}${e.reserved ? " (reserved)" : ""}`,
          parameters: Object.entries(WEBHOOK_HEADERS).map(([name, description]) => ({ name, in: "header", required: true, description, schema: { type: "string" } })),
          requestBody: { required: true, content: { "application/json": { schema, example: e.example } } },
          responses: { "2XX": { description: "Received. Any other answer is retried (410 disables the endpoint)." } },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document, one operation per contract in lib/api-contracts/registry.ts. */
export function buildOpenApiDocument(contracts: readonly RouteContract[] = API_CONTRACTS) {
  const paths: Record<string, Record<string, ReturnType<typeof operation>>> = {};
  for (const c of contracts) {
    const item = (paths[c.path] ??= {});
    const method = c.method.toLowerCase();
    if (item[method]) throw new Error(`${c.method} ${c.path} is declared twice`);
    item[method] = operation(c);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Atrium API",
      version: "1.0.0",
      description:
        "Platform-scope API of the Atrium multi-tenant console. Every response is an envelope: {status: \"success\", data} or {status: \"error\", error: {code, message, details}}. Unknown fields are rejected with the field's path in details. Operations are rate-limited by seed 000's classes (tenant_creation, tenant_queries, domain_configuration, resource_usage, backup_operations, schema_operations), per caller and, under /tenants/{id}, per tenant, after authentication and authorisation; every counted answer carries RateLimit-Policy and RateLimit headers, and a refused one is 429 rate_limit_exceeded with Retry-After.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [...new Set(contracts.map((c) => c.tag))].map((name) => ({ name })),
    paths,
    webhooks: webhookOperations(),
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A platform API key (atr_…), shown once at creation." } },
      headers: RATE_LIMIT_HEADER_COMPONENTS,
      responses: {
        ...Object.fromEntries(
          Object.entries(ERROR_TEXT).map(([code, text]) => [`Error${code}`, { description: text, content: { "application/json": { schema: json(errorEnvelopeSchema, "output") } } }]),
        ),
        RateLimited: RATE_LIMITED_RESPONSE,
      },
    },
  };
}
