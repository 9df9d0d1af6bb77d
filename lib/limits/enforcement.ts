import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import type { Measured } from "@/lib/limits/measure-limits";

export type EnforcedResource = "api_rate_limits" | "storage_quota";
export const ENFORCED_RESOURCES: readonly EnforcedResource[] = ["api_rate_limits", "storage_quota"];
export const isEnforced = (r: string): r is EnforcedResource => (ENFORCED_RESOURCES as readonly string[]).includes(r);

/** The next UTC midnight: when a day's API-call count starts again. */
export const nextUtcDay = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));

/** What apiRoute and uploads look up: is `resource` enforced on the tenant now? One primary-key read in the caller's tenant transaction. */
export async function activeEnforcement(tx: Tx, tenantId: string, resource: EnforcedResource): Promise<{ until: Date | null } | null> {
  const rows = await tx.$queryRaw<{ until: Date | null }[]>`SELECT until FROM tenant_enforcements WHERE tenant_id = ${tenantId} AND resource = ${resource} AND (until IS NULL OR until > now())`;
  return rows[0] ?? null;
}

/** 429 tenant_limit_exceeded for a tenant key while the tenant is over its daily API calls. */
export function apiCallsRefused(until: Date | null, now = new Date()): AppError {
  const end = until ?? nextUtcDay(now);
  const seconds = Math.max(1, Math.ceil((end.getTime() - now.getTime()) / 1000));
  return new AppError(
    "tenant_limit_exceeded",
    `This tenant has used its daily API calls (plus grace); its API keys are refused until ${end.toISOString()} (the next UTC day) or until the limit is raised. Usage events are still accepted.`,
    { resource: "api_rate_limits", retry_at: end.toISOString() },
    { "Retry-After": String(seconds) },
  );
}

export const storageQuotaRefused = () =>
  new AppError("storage_quota_exceeded", "This tenant is over its storage quota; uploads are refused until storage is freed or the quota is raised", { resource: "storage_quota" });

/**
 * Starts, keeps or lifts one resource's enforcement and says what it did.
 * Starting and lifting are audited (usage.enforcement_started is sent as
 * tenant.limits.exceeded). ON CONFLICT makes two simultaneous checks start it once.
 */
export async function applyEnforcement(tx: Tx, caller: Caller, tenantId: string, m: Measured & { resource: EnforcedResource }, over: boolean, now: Date): Promise<string[]> {
  const until = m.resource === "api_rate_limits" ? nextUtcDay(now) : null;
  const target = { tenantId, targetType: "tenant", targetId: tenantId, targetLabel: null } as const;
  const lifted = (rows: { since: Date }[], reason: string) =>
    publishEvent(tx, caller, { ...target, action: "usage.enforcement_lifted", before: { limit: m.resource, since: rows[0].since.toISOString() }, after: { limit: m.resource, value: m.current, maximum: m.limit, reason } });
  const actions: string[] = [];
  // Yesterday's API-call enforcement ended at midnight by itself; its end is recorded here.
  const expired = await tx.$queryRaw<{ since: Date }[]>`DELETE FROM tenant_enforcements WHERE tenant_id = ${tenantId} AND resource = ${m.resource} AND until IS NOT NULL AND until <= ${now} RETURNING since`;
  if (expired.length) {
    await lifted(expired, "period_ended");
    actions.push("enforcement_lifted");
  }
  if (over) {
    const rows = await tx.$queryRaw<{ inserted: boolean }[]>`
      INSERT INTO tenant_enforcements (tenant_id, resource, since, until, current, "limit") VALUES (${tenantId}, ${m.resource}, ${now}, ${until}, ${m.current}, ${m.limit})
      ON CONFLICT (tenant_id, resource) DO UPDATE SET current = EXCLUDED.current, "limit" = EXCLUDED."limit", until = EXCLUDED.until
      RETURNING (xmax = 0) AS inserted`;
    const action = m.resource === "api_rate_limits" ? "api_keys_refused" : "uploads_refused";
    if (!rows[0]?.inserted) return [...actions, `${action}_continued`];
    await publishEvent(tx, caller, { ...target, action: "usage.enforcement_started", after: { limit: m.resource, value: m.current, maximum: m.limit, unit: m.unit, until: until?.toISOString() ?? null } });
    return [...actions, action];
  }
  const below = await tx.$queryRaw<{ since: Date }[]>`DELETE FROM tenant_enforcements WHERE tenant_id = ${tenantId} AND resource = ${m.resource} RETURNING since`;
  if (!below.length) return actions;
  await lifted(below, "below_limit");
  return [...actions, "enforcement_lifted"];
}

/**
 * What apiRoute needs about a tenant key's tenant, in one indexed read: its
 * plan (the hourly allowance) and whether its API calls are refused now (an
 * unexpired api_rate_limits enforcement while settings.auto_enforce is on and
 * the limit is no higher than when it started: raising the limit, or making it
 * unlimited, lets the keys through at once; the next check lifts the row).
 */
export async function tenantKeyState(tx: Tx, tenantId: string): Promise<{ plan: string; enforced: { until: Date | null } | null }> {
  const rows = await tx.$queryRaw<{ plan: string; enforced: boolean; until: Date | null }[]>`
    SELECT t.plan, (e.tenant_id IS NOT NULL AND (t.settings ->> 'auto_enforce') IS DISTINCT FROM 'false'
                    AND (t.limits ->> 'api_calls_per_day')::float8 <= e."limit") AS enforced, e.until
    FROM tenants t
    LEFT JOIN tenant_enforcements e ON e.tenant_id = t.id AND e.resource = 'api_rate_limits' AND (e.until IS NULL OR e.until > now())
    WHERE t.id = ${tenantId}`;
  const row = rows[0];
  return { plan: row?.plan ?? "basic", enforced: row?.enforced ? { until: row.until } : null };
}

/** Uploads refuse with 429 storage_quota_exceeded while the tenant's storage is enforced (and settings.auto_enforce is on). */
export async function assertStorageAvailable(tx: Tx, tenantId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ enforced: boolean }[]>`
    SELECT ((t.settings ->> 'auto_enforce') IS DISTINCT FROM 'false' AND (t.limits ->> 'storage_gb')::float8 <= e."limit") AS enforced
    FROM tenant_enforcements e JOIN tenants t ON t.id = e.tenant_id
    WHERE e.tenant_id = ${tenantId} AND e.resource = 'storage_quota' AND (e.until IS NULL OR e.until > now())`;
  if (rows[0]?.enforced) throw storageQuotaRefused();
}
