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
import { addMemberSchema, changeMemberRoleSchema, listMembersQuerySchema, updateMemberSchema } from "@/lib/schemas/members";
import {
  addTenantUserResponseSchema,
  invitationListResponseSchema,
  inviteResponseSchema,
  removeTenantUserResponseSchema,
  roleListResponseSchema,
  roleResponseSchema,
  tenantUserListResponseSchema,
  tenantUserResponseSchema,
  userRolesResponseSchema,
} from "@/lib/schemas/members-responses";
import { createRoleSchema } from "@/lib/schemas/roles";
import { inviteMembersSchema } from "@/lib/schemas/invitations";
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
import {
  brandingAssetResponseSchema,
  brandingReadSchema,
  brandingResultSchema,
  brandingVersionsResponseSchema,
  listBrandingVersionsQuerySchema,
  updateBrandingSchema,
} from "@/lib/schemas/branding";

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
  404: "tenant_not_found, not_found (no such member, role or membership role)",
  409: "invalid_state (e.g. the last active owner, already a member), idempotency_request_in_progress, concurrent_update (lost a race with simultaneous changes; nothing changed, send it again)",
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
const userIdParam = { name: "user_id", in: "path", required: true, schema: { type: "string", example: "user_1234567890abcdef" } };
const roleIdParam = { name: "role_id", in: "path", required: true, schema: { type: "string", example: "manager" }, description: "A built-in role key or a custom role id" };
const body = (schema: z.ZodType) => ({ required: true, content: { "application/json": { schema: json(schema, "input") } } });
const PLATFORM_ACCESS = "Platform callers: reads need tenants:read, changes tenants:update.";

function membersPaths() {
  return {
    "/api/v1/tenants/{id}/users": {
      get: {
        tags: ["Tenant users"],
        summary: "List the tenant's users (members)",
        description: `Search matches name or email. ${PLATFORM_ACCESS}`,
        parameters: [idParam, ...queryParameters(listMembersQuerySchema)],
        responses: { "200": ok("A page of users", tenantUserListResponseSchema), ...errors(400, 401, 403, 404) },
      },
      post: {
        tags: ["Tenant users"],
        summary: "Add a user to the tenant (an existing account by email, or a new one)",
        description:
          "Adds the account with this email, or creates it (name required; password optional, at least 12 characters) and adds it, without an invitation. A password is refused for an existing account. A pending invitation for the email is revoked. Takes a seat: over the plan's user limit answers 429 tenant_limit_exceeded. Audited as member.joined.",
        parameters: [idParam, idempotencyKey],
        requestBody: body(addMemberSchema),
        responses: { "201": ok("Added", addTenantUserResponseSchema), ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    "/api/v1/tenants/{id}/users/{user_id}": {
      post: {
        tags: ["Tenant users"],
        summary: "Update a membership: role and/or status",
        description:
          "Both apply in one transaction or neither. status active reactivates (takes a seat: 429 tenant_limit_exceeded over the limit), suspended suspends; a status the member already has is kept. The last active owner cannot be demoted or suspended (409).",
        parameters: [idParam, userIdParam, idempotencyKey],
        requestBody: body(updateMemberSchema),
        responses: { "200": ok("The user after the change", tenantUserResponseSchema), ...errors(400, 401, 403, 404, 409, 429) },
      },
      delete: {
        tags: ["Tenant users"],
        summary: "Remove a user from the tenant",
        description: "Ends the membership; the account stays (it may belong to other tenants). The last active owner cannot be removed (409).",
        parameters: [idParam, userIdParam],
        responses: { "200": ok("Removed", removeTenantUserResponseSchema), ...errors(401, 403, 404, 409) },
      },
    },
    "/api/v1/tenants/{id}/users/invitations": {
      get: {
        tags: ["Tenant invitations"],
        summary: "List open invitations (pending, or expired and not revoked)",
        parameters: [idParam],
        responses: { "200": ok("Invitations (never their tokens)", invitationListResponseSchema), ...errors(401, 403, 404) },
      },
    },
    "/api/v1/tenants/{id}/users/invite": {
      post: {
        tags: ["Tenant invitations"],
        summary: "Invite people by email",
        description:
          "One invitation per new email, all with one role. The invitation link is delivered by email; the response never contains the token. Emails already members or already invited are reported per email, not as errors. Pending invitations take seats: over the plan's user limit answers 429 tenant_limit_exceeded. A tenant sends at most RATE_LIMIT_INVITATIONS_PER_HOUR invitation emails (invitations and resends) in any hour: a batch that would pass it answers 429 rate_limit_exceeded with Retry-After and invites nobody. 201 when at least one invitation was created, else 200.",
        parameters: [idParam, idempotencyKey],
        requestBody: body(inviteMembersSchema),
        responses: { "201": ok("Invited", inviteResponseSchema), "200": ok("Nobody new to invite", inviteResponseSchema), ...errors(400, 401, 403, 404, 429) },
      },
    },
    "/api/v1/tenants/{id}/roles": {
      get: {
        tags: ["Tenant roles"],
        summary: "List roles: the built-in ones (read-only), then custom roles by name",
        parameters: [idParam],
        responses: { "200": ok("Roles", roleListResponseSchema), ...errors(401, 403, 404) },
      },
      post: {
        tags: ["Tenant roles"],
        summary: "Create a custom role",
        description: "owners:manage and billing:manage are reserved for the built-in owner role. Names are unique in the tenant and cannot be a built-in role's.",
        parameters: [idParam, idempotencyKey],
        requestBody: body(createRoleSchema),
        responses: { "201": ok("Created", roleResponseSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/tenants/{id}/users/{user_id}/roles": {
      get: {
        tags: ["Tenant roles"],
        summary: "The user's role in this tenant",
        description: "A member holds exactly one role, so the list has one element.",
        parameters: [idParam, userIdParam],
        responses: { "200": ok("The user's role", userRolesResponseSchema), ...errors(401, 403, 404) },
      },
      post: {
        tags: ["Tenant roles"],
        summary: "Set the user's role",
        description: "A member holds exactly one role: this replaces the current one. The last active owner cannot be demoted (409).",
        parameters: [idParam, userIdParam, idempotencyKey],
        requestBody: body(changeMemberRoleSchema),
        responses: { "200": ok("The user after the change", tenantUserResponseSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/tenants/{id}/users/{user_id}/roles/{role_id}": {
      delete: {
        tags: ["Tenant roles"],
        summary: "Remove the user's role",
        description:
          "A member holds exactly one role, so removing their current role moves them to the tenant's default \"member\" role. A role_id the user does not hold answers 404; removing \"member\" itself answers 409 (set another role instead). The last active owner cannot lose the owner role (409).",
        parameters: [idParam, userIdParam, roleIdParam],
        responses: { "200": ok("The user after the change", tenantUserResponseSchema), ...errors(401, 403, 404, 409) },
      },
    },
  };
}

const versionParam = { name: "version", in: "path", required: true, schema: { type: "integer", minimum: 1 } };
const imageBody = (what: string) => ({
  required: true,
  description: `The ${what} image's raw bytes (PNG, JPEG or WebP; the type is read from the bytes, not the name or header).`,
  content: { "image/png": { schema: { type: "string", format: "binary" } }, "image/jpeg": { schema: { type: "string", format: "binary" } }, "image/webp": { schema: { type: "string", format: "binary" } } },
});

function brandingPaths() {
  return {
    "/api/v1/tenants/{id}/branding": {
      get: {
        tags: ["Tenant branding"],
        summary: "The tenant's current branding and its version",
        description: "Needs branding:read (every built-in role has it).",
        parameters: [idParam],
        responses: { "200": ok("Branding", brandingReadSchema, etagHeader), ...errors(401, 403, 404) },
      },
      put: {
        tags: ["Tenant branding"],
        summary: "Change branding fields; every save is kept as a version",
        description: "Fields left out keep their value; null clears one. Custom CSS is reduced to an allowlist and what was removed is listed in css_removed; low colour contrast is a warning, not an error.",
        parameters: [idParam, ifMatch],
        requestBody: body(updateBrandingSchema),
        responses: { "200": ok("Saved", brandingResultSchema, etagHeader), ...errors(400, 401, 403, 404, 412, 413) },
      },
    },
    "/api/v1/tenants/{id}/branding/preview": {
      post: {
        tags: ["Tenant branding"],
        summary: "What a PUT with this body would save, without saving it",
        parameters: [idParam],
        requestBody: body(updateBrandingSchema),
        responses: { "200": ok("Preview", brandingResultSchema), ...errors(400, 401, 403, 404, 413) },
      },
    },
    "/api/v1/tenants/{id}/branding/logo": {
      post: {
        tags: ["Tenant branding"],
        summary: "Upload a logo; answers with the URL to set as logo_url",
        description:
          "Per tenant: at most RATE_LIMIT_BRANDING_UPLOADS_PER_10_MINUTES uploads in 10 minutes (429 rate_limit_exceeded with Retry-After), at most 50 stored images and at most 10 that no saved branding uses (429 tenant_limit_exceeded). Images no branding version uses are removed 24 hours after upload. Uploaded bytes count towards the tenant's storage.",
        parameters: [idParam],
        requestBody: imageBody("logo"),
        responses: { "201": ok("Stored", brandingAssetResponseSchema), "200": ok("Already stored", brandingAssetResponseSchema), ...errors(400, 401, 403, 404, 413, 415, 429) },
      },
    },
    "/api/v1/tenants/{id}/branding/favicon": {
      post: {
        tags: ["Tenant branding"],
        summary: "Upload a favicon; answers with the URL to set as favicon_url",
        description:
          "Per tenant: at most RATE_LIMIT_BRANDING_UPLOADS_PER_10_MINUTES uploads in 10 minutes (429 rate_limit_exceeded with Retry-After), at most 50 stored images and at most 10 that no saved branding uses (429 tenant_limit_exceeded). Images no branding version uses are removed 24 hours after upload. Uploaded bytes count towards the tenant's storage.",
        parameters: [idParam],
        requestBody: imageBody("favicon"),
        responses: { "201": ok("Stored", brandingAssetResponseSchema), "200": ok("Already stored", brandingAssetResponseSchema), ...errors(400, 401, 403, 404, 413, 415, 429) },
      },
    },
    "/api/v1/tenants/{id}/branding/assets/{asset_id}": {
      get: {
        tags: ["Tenant branding"],
        summary: "A stored logo or favicon, served from Atrium's own origin (public; nosniff, immutable cache)",
        security: [],
        parameters: [idParam, { name: "asset_id", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "The image, with the type read from its bytes at upload" }, "304": { description: "Not modified" }, ...errors(404) },
      },
    },
    "/api/v1/tenants/{id}/branding/versions": {
      get: {
        tags: ["Tenant branding"],
        summary: "Saved branding versions, newest first",
        description: "Needs branding:read. Each version names who saved it.",
        parameters: [idParam, ...queryParameters(listBrandingVersionsQuerySchema)],
        responses: { "200": ok("Versions", brandingVersionsResponseSchema), ...errors(400, 401, 403, 404) },
      },
    },
    "/api/v1/tenants/{id}/branding/versions/{version}/revert": {
      post: {
        tags: ["Tenant branding"],
        summary: "Save an earlier version again as the newest one",
        parameters: [idParam, versionParam, ifMatch],
        responses: { "200": ok("Reverted", brandingResultSchema.pick({ branding: true, version: true }).extend({ reverted_from: z.number().int() }), etagHeader), ...errors(401, 403, 404, 412) },
      },
    },
  };
}

const domainIdParam = { name: "domain_id", in: "path", required: true, schema: { type: "string", example: "dom_1234567890abcdef" } };

function domainsPaths() {
  return {
    "/api/v1/tenants/{id}/domains": {
      get: {
        tags: ["Tenant domains"],
        summary: "List the tenant's custom domains with their verification state",
        description: "Members and tenant keys need domains:manage. " + PLATFORM_ACCESS,
        parameters: [idParam],
        responses: { "200": ok("Domains, primary first", domainListResponseSchema), ...errors(401, 403, 404) },
      },
      post: {
        tags: ["Tenant domains"],
        summary: "Configure custom domains (seed 000 request shape)",
        description:
          "Adds the domains not yet configured (pending until the TXT record in dns_records is published and verified) and updates the settings of those that are. Each `redirects` source becomes a domain of its own that redirects to the primary once verified. All or nothing: a domain of another tenant answers 400 domain_already_used. IP addresses, localhost and the console's own domain are refused. 201 when a domain was added, else 200.",
        parameters: [idParam, idempotencyKey],
        requestBody: body(configureDomainsSchema),
        responses: { "201": ok("Configured", configureDomainsResponseSchema), "200": ok("Settings updated", configureDomainsResponseSchema), ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/tenants/{id}/domains/test": {
      post: {
        tags: ["Tenant domains"],
        summary: "Run the proxy's own resolution for a domain and paths",
        parameters: [idParam, idempotencyKey],
        requestBody: body(testDomainSchema),
        responses: { "200": ok("What each path would get", testDomainResponseSchema), ...errors(400, 401, 403, 404) },
      },
    },
    "/api/v1/tenants/{id}/domains/{domain_id}/verify": {
      post: {
        tags: ["Tenant domains"],
        summary: "Look up the TXT record at _atrium-challenge.<domain> now",
        description: "verified when the record holds the domain's token; failed with last_error otherwise. Answers 200 either way.",
        parameters: [idParam, domainIdParam, idempotencyKey],
        responses: { "200": ok("The domain after the check", domainResponseSchema), ...errors(401, 403, 404) },
      },
    },
    "/api/v1/tenants/{id}/domains/{domain_id}/primary": {
      post: {
        tags: ["Tenant domains"],
        summary: "Make this domain the primary; other verified domains redirect to it (308) once it is verified",
        parameters: [idParam, domainIdParam, idempotencyKey],
        responses: { "200": ok("The new primary", domainResponseSchema), ...errors(401, 403, 404, 409) },
      },
    },
    "/api/v1/tenants/{id}/domains/{domain_id}": {
      delete: {
        tags: ["Tenant domains"],
        summary: "Remove a domain: it stops routing at once and is free for another tenant",
        parameters: [idParam, domainIdParam],
        responses: { "200": ok("Removed", removeDomainResponseSchema), ...errors(401, 403, 404) },
      },
    },
    "/api/v1/tenants/by-domain": {
      get: {
        tags: ["Tenant domains"],
        summary: "The tenant served at a domain (a verified custom domain or <slug>.<root>), with routing and branding",
        description: "Needs tenants:read. Pending, failed and unknown domains answer 404 tenant_not_found.",
        parameters: queryParameters(byDomainQuerySchema),
        responses: { "200": ok("The tenant", byDomainResponseSchema), ...errors(400, 401, 403, 404) },
      },
    },
  };
}

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
    tags: [{ name: "Tenants" }, { name: "Tenant lifecycle" }, { name: "Tenant users" }, { name: "Tenant invitations" }, { name: "Tenant roles" }, { name: "Tenant domains" }, { name: "Tenant branding" }],
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
      ...membersPaths(),
      ...domainsPaths(),
      ...brandingPaths(),
    },
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A platform API key (atr_…), shown once at creation." } },
      responses: Object.fromEntries(
        Object.entries(ERROR_TEXT).map(([code, text]) => [`Error${code}`, { description: text, content: { "application/json": { schema: json(errorEnvelopeSchema, "output") } } }]),
      ),
    },
  };
}
