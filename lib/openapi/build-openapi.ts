import { z } from "zod";
import type { RouteContract, RouteHeader } from "@/lib/api-contracts/define-route";
import { API_CONTRACTS } from "@/lib/api-contracts/registry";
import { errorEnvelopeSchema } from "@/lib/schemas/tenant-responses";

// OpenAPI 3.1 uses JSON Schema 2020-12, which is what z.toJSONSchema emits,
// so the document is generated from the very schemas the handlers parse with.
const json = (schema: z.ZodType, io: "input" | "output") => z.toJSONSchema(schema, { io, unrepresentable: "any" });

const envelope = (data: z.ZodType) => ({
  type: "object",
  required: ["status", "data"],
  properties: { status: { const: "success" }, data: json(data, "output") },
});

const ERROR_TEXT: Record<number, string> = {
  400: "invalid_tenant_config, invalid_request, invalid_json, schema_name_exists, domain_already_used, limits_exceeded",
  401: "authentication_required",
  403: "admin_privileges_required, tenant_access_denied, cross_tenant_access_denied, origin_not_allowed",
  404: "tenant_not_found, not_found (no such member, role or membership role)",
  409: "invalid_state (e.g. the last active owner, already a member), idempotency_request_in_progress, concurrent_update (lost a race with simultaneous changes; nothing changed, send it again)",
  412: "precondition_failed (If-Match does not match the current ETag)",
  413: "payload_too_large (body over 1 MB)",
  415: "unsupported_media_type",
  422: "idempotency_key_reused",
  429: "rate_limit_exceeded, tenant_limit_exceeded",
  500: "schema_creation_failed, migration_failed, internal_error",
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
};

const HEADER_PARAMS: Record<RouteHeader, object> = {
  "if-match": { name: "If-Match", in: "header", required: false, schema: { type: "string" }, description: "The ETag from GET; a stale value answers 412." },
  "idempotency-key": { name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 255 }, description: "Retries with the same key and body return the first response (kept 24 h)." },
  prefer: { name: "Prefer", in: "header", required: false, schema: { type: "string", enum: ["respond-async"] } },
};

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
  const parameters = [...pathParameters(c.path), ...(c.query ? queryParameters(c.query) : []), ...(c.headers ?? []).map((h) => HEADER_PARAMS[h])];
  const responses: Record<string, object> = Object.fromEntries(
    Object.entries(c.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.etag ? { headers: { ETag: { schema: { type: "string" } } } } : {}),
        ...(r.data ? { content: { "application/json": { schema: envelope(r.data) } } } : {}),
        ...(r.media ? { content: Object.fromEntries(r.media.map((m) => [m, { schema: { type: "string" } }])) } : {}),
      },
    ]),
  );
  for (const code of c.errors) responses[String(code)] = { $ref: `#/components/responses/Error${code}` };
  return {
    tags: [c.tag],
    summary: c.summary,
    ...(c.description ? { description: c.description } : {}),
    ...(c.access === "public" ? { security: [] } : {}),
    parameters,
    ...requestBody(c),
    responses,
  };
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
        "Platform-scope API of the Atrium multi-tenant console. Every response is an envelope: {status: \"success\", data} or {status: \"error\", error: {code, message, details}}. Unknown fields are rejected with the field's path in details.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: [...new Set(contracts.map((c) => c.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A platform API key (atr_…), shown once at creation." } },
      responses: Object.fromEntries(
        Object.entries(ERROR_TEXT).map(([code, text]) => [`Error${code}`, { description: text, content: { "application/json": { schema: json(errorEnvelopeSchema, "output") } } }]),
      ),
    },
  };
}
