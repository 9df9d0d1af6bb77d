import { z } from "zod";
import { defineRoute } from "@/lib/api-contracts/define-route";

/** lib/audit/verify-audit-chain's AuditChainVerification. */
const verificationSchema = z.object({
  valid: z.boolean(),
  checked: z.number().int().describe("Events whose links and hash were recomputed"),
  first_broken_event_id: z.string().nullable().describe("The first event that does not follow from the one before it (edited, or the one before it removed); null when valid or when events are missing from the end"),
  checkpoint: z
    .object({ seq: z.number().int(), hash: z.string(), pruned_count: z.number().int(), created_at: z.string() })
    .nullable()
    .describe("Where retention pruned the chain: verification starts from this hash"),
});

const DESCRIPTION =
  "Recomputes the hash chain (SHA-256 over the RFC 8785 serialisation of each event and the previous hash) from the last retention checkpoint, in batches, and compares it with what is stored.";

export const verifyTenantAuditLog = defineRoute({
  method: "GET",
  path: "/api/v1/tenants/{id}/audit-log/verify",
  tag: "Audit log",
  summary: "Verify the integrity of the tenant's audit log",
  description: `${DESCRIPTION} Needs audit:read (platform staff: audit:read).`,
  access: { tenant: "audit:read", platform: "audit:read" },
  responses: { 200: { description: "Verification result", data: verificationSchema } },
  errors: [401, 403, 404],
});

const verifyPlatformAuditLogQuerySchema = z.object({
  tenant_id: z.string().min(1).max(64).optional().describe("Verify this tenant's chain instead of the platform's"),
});

export const verifyPlatformAuditLog = defineRoute({
  method: "GET",
  path: "/api/v1/audit-log/verify",
  tag: "Audit log",
  summary: "Verify the integrity of the platform's audit log (or one tenant's)",
  description: `${DESCRIPTION} Platform events (no tenant) form their own chain. Platform staff with audit:read.`,
  access: { platform: "audit:read" },
  query: verifyPlatformAuditLogQuerySchema,
  responses: { 200: { description: "Verification result", data: verificationSchema } },
  errors: [400, 401, 403, 404],
});
