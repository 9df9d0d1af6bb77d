"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { parseOrThrow } from "@/lib/http/errors";
import { dismissNotice } from "@/lib/limits/dismiss-notice";
import { getAlertThresholds } from "@/lib/limits/get-alert-thresholds";
import { updateAlertThresholds } from "@/lib/limits/update-alert-thresholds";
import { actionTenantActor } from "@/lib/portal/action-actor";
import type { AlertThresholds, TenantNotice } from "@/lib/schemas/limits";

// For the console (staff) and the portal (the signed-in member): who acts is decided by the host (actionTenantActor).

const idSchema = z.string().min(1).max(100);

export async function dismissNoticeAction(tenantId: unknown, noticeId: unknown): Promise<ActionResult<TenantNotice>> {
  return runAction({ name: "limit.dismissNotice", tenantId }, async () => dismissNotice(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(idSchema, noticeId)));
}

export async function getAlertThresholdsAction(tenantId: unknown): Promise<ActionResult<AlertThresholds>> {
  return runAction({ name: "limit.getAlertThresholds", tenantId }, async () => getAlertThresholds(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}

/** Validated by the service with the API's schema: the same 400 field names become fieldErrors. */
export async function updateAlertThresholdsAction(tenantId: unknown, body: unknown): Promise<ActionResult<AlertThresholds>> {
  return runAction({ name: "limit.updateAlertThresholds", tenantId }, async () => updateAlertThresholds(await actionTenantActor(), parseOrThrow(idSchema, tenantId), body));
}
