import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { Prisma, Tenant, TenantScaling } from "@/lib/generated/prisma/client";
import { SCALABLE_LIMITS, type ScalableLimit, type ScaleResponse, type ScaleStepName, type ScaleTenantInput } from "@/lib/schemas/usage";
import { PLATFORM_MAX_LIMITS } from "@/lib/tenants/plans";
import { DEFAULT_SCALE_NOTIFY, notifyScaled, type ScaleNotify } from "@/lib/tenants/notify-scaled";
import { billingImpact, type BillingImpact } from "@/lib/tenants/scale-billing";
import { tenantLimits } from "@/lib/tenants/serialize-tenant";
import { syncTenantDbRole } from "@/lib/tenants/tenant-db-role";
import { lockTenant } from "@/lib/tenants/update-tenant";

type Targets = Partial<Record<ScalableLimit, number>>;
type Step = ScaleResponse["steps"][number];

/** Seed 000's steps, in the order they run, and the limits each one sets. */
const STEP_LIMITS: [ScaleStepName, ScalableLimit[]][] = [
  ["database_connection_pool", ["database_connections"]],
  ["storage_quota_update", ["storage_gb", "bandwidth_gb"]],
  ["api_limit_update", ["api_calls_per_day"]],
  ["seat_limit_update", ["users"]],
];

const UNEDITABLE = new Set(["provisioning", "pending_deletion"]);

function stepsFor(targets: Targets, status: "pending" | "completed", at: Date): Step[] {
  return STEP_LIMITS.flatMap(([name, limits]) => {
    const named = limits.filter((l) => targets[l] !== undefined);
    if (named.length === 0) return [];
    return [{ name, status, limits: named, completed_at: status === "completed" ? at.toISOString() : null, estimated_completion: status === "pending" ? at.toISOString() : null }];
  });
}

const pick = (limits: Record<string, number | null>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, limits[k] ?? null]));

/**
 * Applies a scaling's targets to a locked tenant, step by step in the
 * caller's transaction: the limits row, then the database role's CONNECTION
 * LIMIT (atrium_sync_tenant_db_role reads the row just written, so the two
 * cannot disagree). Everything commits together or not at all.
 */
async function applyTargets(tx: Tx, tenant: Tenant, targets: Targets, at: Date): Promise<{ steps: Step[]; previous: Record<string, number | null> }> {
  const previous = tenantLimits(tenant);
  await tx.tenant.update({ where: { id: tenant.id }, data: { limits: { ...previous, ...targets }, version: { increment: 1 }, updatedAt: at } });
  if (targets.database_connections !== undefined) await syncTenantDbRole(tx, tenant.id);
  return { steps: stepsFor(targets, "completed", at), previous };
}

function response(row: TenantScaling): ScaleResponse {
  return {
    scaling_id: row.id,
    status: row.status as ScaleResponse["status"],
    scale_strategy: row.strategy as ScaleResponse["scale_strategy"],
    scheduled_at: row.scheduledAt?.toISOString() ?? null,
    estimated_completion: (row.completedAt ?? row.scheduledAt ?? row.createdAt).toISOString(),
    completed_at: row.completedAt?.toISOString() ?? null,
    current_limits: row.previousLimits as Record<string, number | null>,
    target_limits: row.targetLimits as Record<string, number>,
    steps: row.steps as Step[],
    billing_impact: row.billingImpact as BillingImpact,
    notifications_queued: row.notificationsQueued,
  };
}

/** Mail about an applied scaling to whom its notification_settings name. */
const notifyApplied = (tx: Tx, tenant: Tenant, row: Pick<TenantScaling, "previousLimits" | "targetLimits" | "billingImpact" | "notify">) =>
  notifyScaled(
    tx,
    tenant,
    { previous: row.previousLimits as Record<string, number | null>, target: row.targetLimits as Record<string, number>, monthly: (row.billingImpact as BillingImpact).additional_cost_monthly },
    row.notify as ScaleNotify,
  );

const requester = (caller: Caller) => ({ kind: caller.kind, id: caller.id, label: caller.label });

/**
 * POST /tenants/{id}/scale. Every check comes before any write: the platform
 * maxima (limits_exceeded naming each field), the tenant's state, and billing
 * approval when the monthly cost rises. `immediate` applies the steps now;
 * `scheduled` records the scaling for applyDueScalings. The tenant row is
 * locked for the whole transaction, so concurrent scalings of one tenant run
 * one after the other and each sees the limits the previous one left.
 */
export async function scaleTenant(caller: Caller, tenantId: string, input: ScaleTenantInput, now = new Date()): Promise<ScaleResponse> {
  authorize(caller, "tenants:update");
  const targets = Object.fromEntries(SCALABLE_LIMITS.filter((k) => input.target_limits[k] !== undefined).map((k) => [k, input.target_limits[k]!])) as Targets;
  const overMax = Object.entries(targets)
    .filter(([k, v]) => v > PLATFORM_MAX_LIMITS[k as ScalableLimit])
    .map(([k]) => ({ path: `target_limits.${k}`, message: `Above the platform maximum of ${PLATFORM_MAX_LIMITS[k as ScalableLimit].toLocaleString("en-US")}` }));
  if (overMax.length) throw new AppError("limits_exceeded", `Requested limits exceed the platform maximum: ${overMax.map((o) => o.path).join(", ")}`, overMax);
  const scheduledAt = input.scale_strategy === "scheduled" ? new Date(input.scheduled_at!) : null;

  return withPlatformScope(async (tx) => {
    const tenant = await lockTenant(tx, tenantId);
    if (UNEDITABLE.has(tenant.status)) throw new AppError("invalid_state", `A tenant that is ${tenant.status.replace("_", " ")} cannot be scaled`);
    const current = tenantLimits(tenant);
    const billing = billingImpact(tenant.plan, current, targets, scheduledAt ?? now);
    if (billing.additional_cost_monthly > 0 && !input.billing_approval) {
      throw new AppError(
        "billing_approval_required",
        `This scaling adds $${billing.additional_cost_monthly.toFixed(2)} a month; send billing_approval: true to approve it`,
        [{ path: "billing_approval", message: `Must be true: the monthly cost rises by $${billing.additional_cost_monthly.toFixed(2)}` }],
      );
    }
    const id = newId("scale");
    const keys = Object.keys(targets);
    const notify: ScaleNotify = input.notification_settings ?? DEFAULT_SCALE_NOTIFY;
    const base = { id, tenantId, strategy: input.scale_strategy, scheduledAt, previousLimits: pick(current, keys), targetLimits: targets, billingImpact: billing as unknown as Prisma.InputJsonValue, requestedBy: requester(caller), notify };
    if (scheduledAt) {
      const row = await tx.tenantScaling.create({ data: { ...base, status: "scheduled", steps: stepsFor(targets, "pending", scheduledAt) } });
      await publishEvent(tx, caller, {
        tenantId,
        action: "resources.scale_scheduled",
        targetType: "tenant",
        targetId: tenantId,
        targetLabel: tenant.name,
        after: { scaling_id: id, scheduled_at: scheduledAt.toISOString(), limits: targets, billing_impact: { additional_cost_monthly: billing.additional_cost_monthly } },
      });
      return response(row);
    }
    const { steps } = await applyTargets(tx, tenant, targets, now);
    const notificationsQueued = await notifyApplied(tx, tenant, { ...base, billingImpact: billing as unknown as Prisma.JsonValue });
    const row = await tx.tenantScaling.create({ data: { ...base, status: "completed", steps, completedAt: now, notificationsQueued } });
    await publishScaled(tx, caller, tenant, row);
    return response(row);
  });
}

function publishScaled(tx: Tx, caller: Caller, tenant: Tenant, row: TenantScaling) {
  return publishEvent(tx, caller, {
    tenantId: tenant.id,
    action: "resources.scaled",
    targetType: "tenant",
    targetId: tenant.id,
    targetLabel: tenant.name,
    before: { limits: row.previousLimits },
    after: {
      scaling_id: row.id,
      strategy: row.strategy,
      limits: row.targetLimits,
      requested_by: row.requestedBy,
      billing_impact: { additional_cost_monthly: (row.billingImpact as BillingImpact).additional_cost_monthly },
    },
  });
}

/**
 * The scaling job: applies every scheduled scaling that is due, each in its
 * own transaction under the tenant's lock. SKIP LOCKED lets two workers share
 * the queue without applying one scaling twice. A tenant that can no longer
 * be scaled (being deleted) fails its scaling with the reason.
 */
export async function applyDueScalings(caller: Caller, now = new Date()): Promise<{ applied: number; failed: number }> {
  let applied = 0;
  let failed = 0;
  for (;;) {
    const outcome = await withPlatformScope(async (tx) => {
      const [due] = await tx.$queryRaw<{ id: string; tenant_id: string }[]>`
        SELECT id, tenant_id FROM tenant_scalings WHERE status = 'scheduled' AND scheduled_at <= ${now} ORDER BY scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!due) return null;
      const tenant = await lockTenant(tx, due.tenant_id);
      const row = await tx.tenantScaling.findUniqueOrThrow({ where: { tenantId_id: { tenantId: due.tenant_id, id: due.id } } });
      if (UNEDITABLE.has(tenant.status)) {
        await tx.tenantScaling.update({ where: { tenantId_id: { tenantId: row.tenantId, id: row.id } }, data: { status: "failed", error: `The tenant is ${tenant.status.replace("_", " ")}`, completedAt: now, steps: (row.steps as Step[]).map((s) => ({ ...s, status: "failed" })) } });
        return "failed" as const;
      }
      const { steps, previous } = await applyTargets(tx, tenant, row.targetLimits as Targets, now);
      const previousLimits = pick(previous, Object.keys(row.targetLimits as object));
      const notificationsQueued = await notifyApplied(tx, tenant, { ...row, previousLimits });
      const done = await tx.tenantScaling.update({ where: { tenantId_id: { tenantId: row.tenantId, id: row.id } }, data: { status: "completed", steps, completedAt: now, previousLimits, notificationsQueued } });
      await publishScaled(tx, caller, tenant, done);
      return "applied" as const;
    });
    if (outcome === null) return { applied, failed };
    if (outcome === "applied") applied += 1;
    else failed += 1;
  }
}
