"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { loadBillingPanel, type BillingPanelData } from "@/lib/billing/load-billing-panel";
import { changePlan, type PlanChangeAnswer } from "@/lib/billing/subscriptions/change-plan";
import { startTrial, updateTrialSettings } from "@/lib/billing/subscriptions/start-trial";
import { updateAddOns } from "@/lib/billing/subscriptions/update-add-ons";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";
import type { SubscriptionView } from "@/lib/schemas/billing";

// For the console (staff) and the portal (the signed-in member): who acts is decided by the host (actionTenantActor).
// Bodies are validated by the services with the API's schemas, so the same 400 field names become fieldErrors.

const idSchema = z.string().min(1).max(100);
const directionSchema = z.enum(["upgrade", "downgrade"]);

export async function loadBillingPanelAction(tenantId: unknown): Promise<ActionResult<BillingPanelData>> {
  return runAction({ name: "billing.loadBillingPanel", tenantId }, async () => loadBillingPanel(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

/** Upgrade or downgrade; with `dry_run: true` in the body, the preview (nothing written). */
export async function changePlanAction(tenantId: unknown, direction: unknown, body: unknown): Promise<ActionResult<PlanChangeAnswer>> {
  return runAction({ name: "billing.changePlan", tenantId }, async () => changePlan(await actionTenantActor(), parseOrThrow(idSchema, tenantId), body, parseOrThrow(directionSchema, direction)));
}

export async function updateAddOnsAction(tenantId: unknown, body: unknown): Promise<ActionResult<SubscriptionView>> {
  return runAction({ name: "billing.updateAddOns", tenantId }, async () => updateAddOns(await actionTenantActor(), parseOrThrow(idSchema, tenantId), body));
}

export async function startTrialAction(tenantId: unknown, body: unknown): Promise<ActionResult<SubscriptionView>> {
  return runAction({ name: "billing.startTrial", tenantId }, async () => startTrial(await actionTenantActor(), parseOrThrow(idSchema, tenantId), body));
}

export async function updateTrialAction(tenantId: unknown, body: unknown): Promise<ActionResult<SubscriptionView>> {
  return runAction({ name: "billing.updateTrial", tenantId }, async () => updateTrialSettings(await actionTenantActor(), parseOrThrow(idSchema, tenantId), body));
}
