"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { actionCaller } from "@/lib/auth/current-caller";
import { parseOrThrow } from "@/lib/http/errors";
import { suspendTenantSchema, updateTenantSchema } from "@/lib/schemas/tenant";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { cancelTenantDeletion, scheduleTenantDeletion } from "@/lib/tenants/tenant-deletion";
import { updateTenant } from "@/lib/tenants/update-tenant";

// Server actions of the tenant page. Each one: the caller (Origin + session),
// its input through the same Zod schemas as the API, then one service call.

const idSchema = z.string().min(1).max(100);
const etagSchema = z.string().min(1).max(200);

/** PUT semantics: the edit applies only if the tenant is still the version the page rendered (If-Match). */
export async function updateTenantAction(id: unknown, etag: unknown, input: unknown): Promise<ActionResult<{ etag: string; changes_applied: string[] }>> {
  return runAction({ name: "tenant.updateTenant", tenantId: id }, async () => {
    const caller = await actionCaller();
    const tenantId = parseOrThrow(idSchema, id);
    const ifMatch = parseOrThrow(etagSchema, etag);
    const body = parseOrThrow(updateTenantSchema, input, "invalid_tenant_config");
    const r = await updateTenant(caller, tenantId, body, { ifMatch });
    return { etag: r.etag, changes_applied: r.changes_applied };
  });
}

const transitionSchema = z.strictObject({ transition: z.enum(["suspend", "reactivate", "archive"]), reason: suspendTenantSchema.shape.reason });

export async function changeTenantStatusAction(id: unknown, input: unknown): Promise<ActionResult<{ status: string }>> {
  return runAction({ name: "tenant.changeTenantStatus", tenantId: id }, async () => {
    const caller = await actionCaller();
    const tenantId = parseOrThrow(idSchema, id);
    const { transition, reason } = parseOrThrow(transitionSchema, input);
    const r = await changeTenantStatus(caller, tenantId, transition, { reason: reason || undefined });
    return { status: r.tenant.status };
  });
}

const deletionSchema = z.strictObject({
  confirm_slug: z.string().trim().min(1, "Type the tenant's slug to confirm"),
  grace_period_days: z.number().int("Must be a whole number of days").min(0, "Must be 0 or more").max(90, "At most 90 days"),
});

/** Seed 000's DELETE with a grace period; the typed slug must match (checked here too, not only in the browser). */
export async function scheduleDeletionAction(id: unknown, input: unknown): Promise<ActionResult<{ final_deletion_date: string }>> {
  return runAction({ name: "tenant.scheduleDeletion", tenantId: id }, async () => {
    const caller = await actionCaller();
    const tenantId = parseOrThrow(idSchema, id);
    const body = parseOrThrow(deletionSchema, input);
    const r = await scheduleTenantDeletion(caller, tenantId, body.grace_period_days, { confirmSlug: body.confirm_slug });
    return { final_deletion_date: r.body.final_deletion_date };
  });
}

export async function cancelDeletionAction(id: unknown): Promise<ActionResult<{ status: string }>> {
  return runAction({ name: "tenant.cancelDeletion", tenantId: id }, async () => {
    const caller = await actionCaller();
    const r = await cancelTenantDeletion(caller, parseOrThrow(idSchema, id));
    return { status: r.tenant.status };
  });
}

/** Why a provisioning was rolled back (the tenant row is gone; its audit trail is not). */
export async function provisioningFailureAction(id: unknown): Promise<ActionResult<{ step: string | null; error: string | null }>> {
  return runAction({ name: "tenant.provisioningFailure", tenantId: id }, async () => {
    const caller = await actionCaller();
    const scope = { kind: "tenant", tenantId: parseOrThrow(idSchema, id) } as const;
    const { items } = await listAuditEvents(platformActor(caller), scope, { event_type: { exact: ["tenant.provisioning_failed"], prefixes: [] }, limit: 1 });
    const changes = items[0]?.changes ?? {};
    const text = (v: unknown) => (typeof v === "string" ? v : null);
    return { step: text(changes.step?.after), error: text(changes.error?.after) };
  });
}
