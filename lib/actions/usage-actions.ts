"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { USAGE_PERIODS } from "@/lib/schemas/usage";
import { loadLimitsUsage } from "@/lib/usage/load-limits-usage";
import { loadUsageDashboard } from "@/lib/usage/load-usage-dashboard";
import type { LimitsUsage, UsageDashboardData } from "@/lib/usage/usage-dashboard-data";

// The usage charts and the Limits tab read through these on both hosts: staff
// on the console host, the signed-in member on a tenant's host (a member's
// session is not an API credential). The services authorise usage:read and
// validate with the API's schemas; thresholds are saved through limit-actions.ts.

const idSchema = z.string().min(1).max(100);
const periodSchema = z.enum(USAGE_PERIODS, { error: `Must be one of ${USAGE_PERIODS.join(", ")}` });

export async function usageDashboardAction(tenantId: unknown, period: unknown): Promise<ActionResult<UsageDashboardData>> {
  return runAction({ name: "usage.usageDashboard", tenantId }, async () => loadUsageDashboard(await actionTenantActor(), parseOrThrow(idSchema, tenantId), parseOrThrow(periodSchema, period)));
}

/** Today's usage against each limit, and the alert thresholds: what the Limits tab shows beside the limits. */
export async function limitsUsageAction(tenantId: unknown): Promise<ActionResult<LimitsUsage>> {
  return runAction({ name: "usage.limitsUsage", tenantId }, async () => loadLimitsUsage(await actionTenantActor(), parseOrThrow(idSchema, tenantId)));
}
