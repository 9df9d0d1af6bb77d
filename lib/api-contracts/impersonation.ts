import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";
import { impersonationGrantListSchema, impersonationGrantSchema, impersonationRequestSchema } from "@/lib/schemas/impersonation";

const TAG = "Support access";
const LIFECYCLE =
  "A request moves requested → approved | denied | revoked (withdrawn); an approved one → expired | revoked. The clock starts at approval: expires_at = approval + duration_minutes (at most 240). While approved, the staff member who asked enters the tenant's portal from the console as a support actor (read_only: read permissions only, every change refused with 403 impersonation_read_only; full: the owner's permissions except the owner-only ones). Revocation or expiry ends the grant and its sessions at once.";
const OWNERS = "Tenant side: support_access:manage, held only by the built-in owner role (and keys an owner granted it).";

export const requestImpersonation = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/impersonation-requests",
  tag: TAG,
  summary: "Ask for support access to the tenant's portal (the owners approve or deny)",
  description: `Platform staff with tenants:impersonate, signed in (the request is theirs to use). The tenant's security policy may forbid it (403 impersonation_forbidden) or pre-approve it for the tenant's plan (answered approved). Otherwise the owners get an email and a portal notice. ${LIFECYCLE} Audited as impersonation.requested.`,
  access: { platform: "tenants:impersonate" },
  rateLimit: "tenant_queries",
  body: impersonationRequestSchema,
  headers: ["idempotency-key"],
  responses: { 201: { description: "The request (status requested, or approved when pre-approved)", data: z.object({ request: impersonationGrantSchema }) } },
  errors: [400, 401, 403, 404, 409, 429],
});

export const listImpersonationRequests = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/impersonation-requests",
  tag: TAG,
  summary: "The tenant's support access requests, newest first (last 100)",
  description: `${OWNERS} Platform callers: tenants:impersonate.`,
  access: { tenant: "support_access:manage", platform: "tenants:impersonate" },
  rateLimit: "tenant_queries",
  responses: { 200: { description: "Requests", data: z.object({ requests: impersonationGrantListSchema }) } },
  errors: [401, 403, 404, 429],
});

const decision = (step: "approve" | "deny") =>
  defineRoute({
    method: "POST",
    path: `/api/v1/tenants/{id}/impersonation-requests/{request_id}/${step}`,
    tag: TAG,
    summary: step === "approve" ? "Approve a pending support access request (its clock starts now)" : "Deny a pending support access request",
    description: `${OWNERS} Staff never decide on access to a tenant: platform callers are refused (403). A request that is no longer pending answers 409 invalid_state. Audited as impersonation.${step === "approve" ? "approved" : "denied"}.`,
    access: { tenant: "support_access:manage", platform: "tenants:impersonate" },
    rateLimit: "tenant_queries",
    headers: ["idempotency-key"],
    responses: { 200: { description: "The request after the decision", data: z.object({ request: impersonationGrantSchema }) } },
    errors: [401, 403, 404, 409, 429],
  });

export const approveImpersonationRequest = decision("approve");
export const denyImpersonationRequest = decision("deny");

export const revokeImpersonationRequest = defineRoute({
  method: "POST",
  path: "/api/v1/tenants/{id}/impersonation-requests/{request_id}/revoke",
  tag: TAG,
  summary: "End support access now (or withdraw a pending request); its sessions end at once",
  description: `Either side: ${OWNERS} Platform callers: tenants:impersonate. A request already denied, expired or revoked answers 409 invalid_state. Audited as impersonation.revoked.`,
  access: { tenant: "support_access:manage", platform: "tenants:impersonate" },
  rateLimit: "tenant_queries",
  headers: ["idempotency-key"],
  responses: { 200: { description: "The revoked request", data: z.object({ request: impersonationGrantSchema }) } },
  errors: [401, 403, 404, 409, 429],
});
