import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { parseOrThrow } from "@/lib/http/errors";
import { readAlertThresholds } from "@/lib/limits/alert-thresholds";
import { updateAlertThresholdsSchema, type AlertThresholds } from "@/lib/schemas/limits";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Replaces the tenant's thresholds (and overrides) and audits the change; bad input is a 400 naming the field before anything is written. */
export async function updateAlertThresholds(actor: TenantActor, tenantId: string, body: unknown): Promise<AlertThresholds> {
  const input = parseOrThrow(updateAlertThresholdsSchema, body);
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "settings:update", tx);
    const before = await readAlertThresholds(tx, tenantId);
    const data = { warningPercent: input.warning_percent, criticalPercent: input.critical_percent, exceededPercent: input.exceeded_percent, overrides: input.overrides, updatedAt: new Date() };
    await tx.tenantAlertThreshold.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
    const after = await readAlertThresholds(tx, tenantId);
    const levels = (t: AlertThresholds) => ({ warning_percent: t.warning_percent, critical_percent: t.critical_percent, exceeded_percent: t.exceeded_percent, overrides: t.overrides });
    await publishEvent(tx, access.auditCaller, {
      tenantId,
      action: "usage.thresholds_updated",
      targetType: "tenant",
      targetId: tenantId,
      targetLabel: null,
      before: levels(before),
      after: levels(after),
    });
    return after;
  });
}
