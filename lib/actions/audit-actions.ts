"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { verifyTenantAuditChain, type AuditChainVerification } from "@/lib/audit/verify-audit-chain";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { tenantAuditListQuerySchema, type AuditListResponse } from "@/lib/schemas/audit";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

// The portal's Audit log page reads through these (a member's session is not
// an API credential). The services authorise (audit:read) and validate with
// the API's own query schema; a member additionally needs the audit_logs
// feature of their plan, as the page says (checked by the services too).

const idSchema = z.string().min(1).max(100);
const querySchema = z.record(z.string(), z.string());

const actorFor = (): Promise<TenantActor> => actionTenantActor();

export async function listAuditEventsAction(tenantId: unknown, query: unknown, cursor: unknown): Promise<ActionResult<AuditListResponse>> {
  return runAction({ name: "audit.listAuditEvents", tenantId }, async () => {
    const id = parseOrThrow(idSchema, tenantId);
    const input = { ...parseOrThrow(querySchema, query), ...(cursor ? { cursor: parseOrThrow(z.string().max(400), cursor) } : {}) };
    return listAuditEvents(await actorFor(), { kind: "tenant", tenantId: id }, parseOrThrow(tenantAuditListQuerySchema, input));
  });
}

export async function verifyAuditLogAction(tenantId: unknown): Promise<ActionResult<AuditChainVerification>> {
  return runAction({ name: "audit.verifyAuditLog", tenantId }, async () => {
    const id = parseOrThrow(idSchema, tenantId);
    return verifyTenantAuditChain(await actorFor(), id);
  });
}
