import { authorize } from "@/lib/auth/authorize";
import { withTenantScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { usageEventsEnvelopeSchema, type UsageEventsResult } from "@/lib/schemas/usage-events";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { ingestUsageEvents, type UsageEventInput } from "@/lib/usage/ingest-usage-events";
import { validateUsageEvent } from "@/lib/usage/validate-usage-event";

/**
 * POST /api/v1/usage/events: authorise the reporter, check the batch's shape
 * (a 400 naming `events`), then each event on its own, and record the good ones
 * through ingestUsageEvents. A tenant key reports for its own tenant only: an
 * event naming another tenant refuses the whole batch (403, nothing written),
 * so a key learns nothing about which other tenant ids exist.
 */
export async function reportUsageEvents(actor: TenantActor, body: unknown, now = new Date()): Promise<UsageEventsResult> {
  const ownTenant = actor.kind === "platform" ? null : actor.tenantId;
  if (actor.kind === "platform") authorize(actor.caller, "tenants:update");
  else await withTenantScope(actor.tenantId, (tx) => authorizeTenant(actor, actor.tenantId, "usage:report", tx));

  const { events } = parseOrThrow(usageEventsEnvelopeSchema, body);
  if (ownTenant) {
    const foreign = events.findIndex((e) => (e as { tenant_id?: unknown } | null)?.tenant_id !== undefined && (e as { tenant_id?: unknown }).tenant_id !== ownTenant);
    if (foreign >= 0) throw new AppError("cross_tenant_access_denied", `events.${foreign}.tenant_id: this key reports for its own tenant only; nothing was recorded`);
  }
  const oldest = new Date(now.getTime() - env.usageRawRetentionDays * 86_400_000);
  const errors: UsageEventsResult["errors"] = [];
  const good: (UsageEventInput & { index: number })[] = [];
  for (const [index, raw] of events.entries()) {
    const checked = validateUsageEvent(raw, now, oldest);
    if (!checked.ok) {
      errors.push({ index, id: checked.id, reason: checked.reason, message: checked.message });
      continue;
    }
    const e = checked.event;
    const tenantId = e.tenant_id ?? ownTenant;
    if (!tenantId) {
      errors.push({ index, id: e.id, reason: "missing_tenant", message: "tenant_id: required with a platform key" });
      continue;
    }
    good.push({ index, id: e.id, tenantId, meter: e.meter, value: e.value, timestamp: checked.at, properties: e.properties });
  }

  // Unknown tenants are found by the ingest statement itself (one round trip, not two): their events are rejected.
  const { accepted, duplicates, unknownTenants } = await ingestUsageEvents(good, ownTenant ? { tenantId: ownTenant } : {});
  if (unknownTenants.length) {
    const unknown = new Set(unknownTenants);
    for (const e of good) if (unknown.has(e.tenantId)) errors.push({ index: e.index, id: e.id, reason: "unknown_tenant", message: "tenant_id: no such tenant" });
  }
  errors.sort((a, b) => a.index - b.index);
  return { accepted, duplicates, rejected: errors.length, errors };
}
