import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { newId } from "@/lib/ids";
import { readAlertThresholds } from "@/lib/limits/alert-thresholds";
import { applyEnforcement, isEnforced } from "@/lib/limits/enforcement";
import { measureLimits, periodKey, type Measured } from "@/lib/limits/measure-limits";
import { raiseLimitAlert, type RaisedLevel } from "@/lib/limits/raise-limit-alert";
import { LIMIT_RESOURCES, type AlertLevel, type LimitResource, type LimitsCheckInput, type ThresholdLevels } from "@/lib/schemas/limits";
import { tenantLimits, usagePercent } from "@/lib/tenants/serialize-tenant";

/** The seed's check types when the body names none; bandwidth too when it can be measured. */
export const DEFAULT_CHECK_TYPES: readonly LimitResource[] = LIMIT_RESOURCES;

export type LimitsCheckResult = {
  check_id: string;
  timestamp: string;
  dry_run: boolean;
  auto_enforce_setting: boolean;
  limits_status: { resource: LimitResource; current: number; limit: number | null; unit: string; usage_percent: number | null; status: "healthy" | "warning" | "exceeded"; alert_level: AlertLevel; actions_taken: string[] }[];
  overall_status: "healthy" | "warning" | "exceeded";
  notifications_sent: number;
  enforcements: { resource: LimitResource; since: string; until: string | null }[];
  unavailable: LimitResource[];
  next_check_at: string;
};

const RAISED: readonly RaisedLevel[] = ["warning", "critical", "exceeded"];
const SEVERITY: Record<AlertLevel, number> = { healthy: 0, warning: 1, critical: 2, exceeded: 3 };

export function levelOf(percent: number | null, t: ThresholdLevels): AlertLevel {
  if (percent === null) return "healthy";
  if (percent >= t.exceeded_percent) return "exceeded";
  if (percent >= t.critical_percent) return "critical";
  if (percent >= t.warning_percent) return "warning";
  return "healthy";
}

/** Seed 000 knows healthy / warning / exceeded: critical is reported as warning (alert_level keeps it). */
const seedStatus = (l: AlertLevel) => (l === "critical" ? "warning" : l);

export const nextHour = (now: Date) => new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);

/**
 * Records which alert levels usage is at or above in this period and raises
 * the highest newly crossed one. The crossing rows' primary key decides who
 * raises: INSERT … ON CONFLICT DO NOTHING RETURNING answers a row to one
 * transaction only (a second, concurrent one waits for the first to commit,
 * then sees the conflict). Levels usage is below again are forgotten, so
 * crossing them again raises again; past periods' rows are dropped.
 */
async function recordCrossings(tx: Tx, tenantId: string, resource: LimitResource, level: AlertLevel, now: Date): Promise<RaisedLevel | null> {
  const key = periodKey(resource, now);
  const crossed = RAISED.filter((l) => SEVERITY[l] <= SEVERITY[level]);
  await tx.$executeRaw`DELETE FROM tenant_limit_alerts WHERE tenant_id = ${tenantId} AND resource = ${resource} AND (period_key <> ${key} OR NOT (level = ANY(${crossed}::text[])))`;
  if (!crossed.length) return null;
  const inserted = await tx.$queryRaw<{ level: RaisedLevel }[]>`
    INSERT INTO tenant_limit_alerts (tenant_id, resource, level, period_key, raised_at)
    SELECT ${tenantId}, ${resource}, l, ${key}, ${now} FROM unnest(${crossed}::text[]) AS l
    ON CONFLICT DO NOTHING RETURNING level`;
  // One alert per crossing: jumping from 50 % to 100 % says "exceeded", not three things at once.
  return inserted.map((r) => r.level).sort((a, b) => SEVERITY[b] - SEVERITY[a])[0] ?? null;
}

export type CheckOptions = {
  /** false: observe only (nothing enforced, recorded or sent). */
  act: boolean;
  input: LimitsCheckInput;
  now?: Date;
};

/**
 * The limits check, in the caller's tenant transaction (the API's service and
 * the hourly job share it). Compares usage with limits, applies enforcement
 * when acting with auto_enforce on (request and tenant setting both), and
 * raises alerts on upward threshold crossings.
 */
export async function runLimitsCheck(tx: Tx, caller: Caller, tenantId: string, opts: CheckOptions): Promise<LimitsCheckResult> {
  const now = opts.now ?? new Date();
  const { input } = opts;
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { limits: true, settings: true } });
  const autoEnforceSetting = (tenant.settings as { auto_enforce?: unknown } | null)?.auto_enforce !== false;
  const enforce = opts.act && input.auto_enforce && autoEnforceSetting;
  const types = input.check_types ?? DEFAULT_CHECK_TYPES;
  const measured = await measureLimits(tx, tenantId, tenantLimits(tenant), types, now);
  const thresholds = (await readAlertThresholds(tx, tenantId)).effective;
  const grace = 1 + input.grace_period_percent / 100;
  let notificationsSent = 0;
  const limitsStatus: LimitsCheckResult["limits_status"] = [];
  for (const m of measured) {
    const percent = usagePercent(m.current, m.limit);
    const level = levelOf(percent, thresholds[m.resource]);
    const actions: string[] = [];
    if (opts.act && isEnforced(m.resource)) {
      // Off (by the request or the tenant's setting): whatever was enforced ends.
      const over = enforce && m.limit !== null && m.current >= m.limit * grace && m.current > 0;
      actions.push(...(await applyEnforcement(tx, caller, tenantId, m as Measured & { resource: typeof m.resource & ("api_rate_limits" | "storage_quota") }, over, now)));
    }
    if (opts.act) {
      const raised = await recordCrossings(tx, tenantId, m.resource, level, now);
      if (raised) {
        notificationsSent += await raiseLimitAlert(tx, caller, tenantId, m, percent ?? 0, raised, input.notifications);
        actions.push(`alert_raised:${raised}`);
      }
    }
    limitsStatus.push({ resource: m.resource, current: m.current, limit: m.limit, unit: m.unit, usage_percent: percent, status: seedStatus(level), alert_level: level, actions_taken: actions });
  }
  const worst = limitsStatus.reduce<AlertLevel>((w, s) => (SEVERITY[s.alert_level] > SEVERITY[w] ? s.alert_level : w), "healthy");
  const enforcements = await tx.$queryRaw<{ resource: LimitResource; since: Date; until: Date | null }[]>`
    SELECT resource, since, until FROM tenant_enforcements WHERE tenant_id = ${tenantId} AND (until IS NULL OR until > ${now}) ORDER BY resource`;
  return {
    check_id: newId("check"),
    timestamp: now.toISOString(),
    dry_run: !opts.act,
    auto_enforce_setting: autoEnforceSetting,
    limits_status: limitsStatus,
    overall_status: seedStatus(worst),
    notifications_sent: notificationsSent,
    enforcements: enforcements.map((e) => ({ resource: e.resource, since: e.since.toISOString(), until: e.until?.toISOString() ?? null })),
    unavailable: types.filter((t) => !measured.some((m) => m.resource === t)),
    next_check_at: nextHour(now).toISOString(),
  };
}
