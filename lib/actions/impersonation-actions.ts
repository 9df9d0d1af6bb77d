"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { parseOrThrow } from "@/lib/http/errors";
import { decideImpersonationRequest } from "@/lib/impersonation/decide-impersonation-request";
import { issueImpersonationEntry } from "@/lib/impersonation/enter-portal";
import { listImpersonationRequests } from "@/lib/impersonation/list-impersonation-requests";
import { requestImpersonation } from "@/lib/impersonation/request-impersonation";
import { revokeImpersonationGrant } from "@/lib/impersonation/revoke-impersonation-grant";
import { actionTenantActor } from "@/lib/portal/action-actor";
import type { ImpersonationGrantView } from "@/lib/schemas/impersonation";

const idSchema = z.string().min(1).max(100);

/** Console: staff ask for support access. */
export async function requestImpersonationAction(tenantId: unknown, input: unknown): Promise<ActionResult<ImpersonationGrantView>> {
  return runAction({ name: "impersonation.requestImpersonation", tenantId }, async () => requestImpersonation(await actionCaller(), parseOrThrow(idSchema, tenantId), input));
}

/** Console or portal (owners): the tenant's requests. */
export async function listImpersonationRequestsAction(tenantId: unknown): Promise<ActionResult<ImpersonationGrantView[]>> {
  return runAction({ name: "impersonation.listImpersonationRequests", tenantId }, async () => listImpersonationRequests(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

/** Portal (owners): approve or deny a pending request. */
export async function decideImpersonationAction(tenantId: unknown, grantId: unknown, decision: unknown): Promise<ActionResult<ImpersonationGrantView>> {
  return runAction({ name: "impersonation.decideImpersonation", tenantId }, async () =>
    decideImpersonationRequest(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, grantId), parseOrThrow(z.enum(["approve", "deny"]), decision)),
  );
}

/** Either side: end support access now, or withdraw a pending request. */
export async function revokeImpersonationAction(tenantId: unknown, grantId: unknown): Promise<ActionResult<ImpersonationGrantView>> {
  return runAction({ name: "impersonation.revokeImpersonation", tenantId }, async () => revokeImpersonationGrant(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, grantId)));
}

/** The support actor's own "End now" in the portal: the grant and its sessions end. */
export async function endSupportAccessAction(tenantId: unknown, grantId: unknown): Promise<ActionResult<ImpersonationGrantView>> {
  return runAction({ name: "impersonation.endSupportAccess", tenantId }, async () => revokeImpersonationGrant(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, grantId), "ended"));
}

/** Console: "Open portal as support" — the single-use entry link to the tenant's host. */
export async function openPortalAsSupportAction(tenantId: unknown, grantId: unknown): Promise<ActionResult<{ url: string }>> {
  return runAction({ name: "impersonation.openPortalAsSupport", tenantId }, async () => issueImpersonationEntry(await actionCaller(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, grantId)));
}
