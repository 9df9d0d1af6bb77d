import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { storedBranding, type StoredBranding } from "@/lib/branding/branding-document";
import { prepareTenantBranding } from "@/lib/branding/prepare-tenant-branding";
import { recordBrandingVersion } from "@/lib/branding/branding-versions";
import { publishEvent } from "@/lib/events/publish-event";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { applyDeclaredDomain, declaredDomain } from "@/lib/domains/declared-domain";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/http/errors";
import type { Prisma, Tenant } from "@/lib/generated/prisma/client";
import { limitsAbovePlatformMax, type UpdateTenantInput } from "@/lib/schemas/tenant";
import { conflictError } from "@/lib/tenants/create-tenant";
import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import { followTenantPlan } from "@/lib/billing/subscriptions/follow-tenant-plan";
import type { Plan } from "@/lib/tenants/plans";
import { etagOf, tenantFeatures, tenantLimits } from "@/lib/tenants/serialize-tenant";
import { syncTenantDbRole } from "@/lib/tenants/tenant-db-role";

/** Locks the tenant row for the rest of the transaction; 404 when it does not exist. */
export async function lockTenant(tx: Prisma.TransactionClient, tenantId: string): Promise<Tenant> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenants WHERE id = ${tenantId} FOR UPDATE`;
  if (rows.length === 0) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
  return tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
}

export function checkIfMatch(tenant: Tenant, ifMatch: string | null | undefined): void {
  if (!ifMatch || ifMatch.trim() === "*") return;
  // Our tags are weak (W/); a client may send the tag with or without the prefix.
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = ifMatch.split(",").map(opaque);
  if (!wanted.includes(opaque(etagOf(tenant)))) {
    throw new AppError("precondition_failed", "The tenant was changed since you read it; fetch it again and retry", { current_etag: etagOf(tenant) });
  }
}

function diff<T extends Record<string, unknown>>(before: T, after: T) {
  const changed = Object.keys({ ...before, ...after }).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return { changed, before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])), after: Object.fromEntries(changed.map((k) => [k, after[k] ?? null])) };
}

/**
 * Applies a PUT: name, plan (which resets limits and features to the new plan's
 * defaults before explicit values apply), settings, limits, features, branding,
 * domain and trial end. Answers with seed 000's `changes_applied`.
 */
export async function updateTenant(caller: Caller, tenantId: string, input: UpdateTenantInput, opts: { ifMatch?: string | null } = {}) {
  authorize(caller, "tenants:update");
  const domain = input.domain ? declaredDomain(input.domain, "domain") : input.domain;
  try {
    return await withPlatformScope((tx) => updateTenantInTx(tx, caller, tenantId, { ...input, domain }, opts));
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint) throw conflictError(constraint, "");
    throw err;
  }
}

/**
 * The update itself, in the caller's platform-scope transaction (a bulk
 * operation runs it once per tenant); the caller was authorised and a
 * `domain` in `input` already went through declaredDomain.
 */
export async function updateTenantInTx(tx: Tx, caller: Caller, tenantId: string, input: UpdateTenantInput, opts: { ifMatch?: string | null } = {}) {
  const domain = input.domain;
  const locked = await lockTenant(tx, tenantId);
  checkIfMatch(locked, opts.ifMatch);
  if (locked.status === "provisioning" || locked.status === "pending_deletion") {
    throw new AppError("invalid_state", `A tenant that is ${locked.status.replace("_", " ")} cannot be edited`);
  }
  // Seed 000's `domain` goes through the Domains feature; tenants.domain (what GET shows) follows by trigger.
  if (domain !== undefined) await applyDeclaredDomain(tx, tenantId, domain, caller, "domain");
  const tenant = domain === undefined ? locked : await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const shownDomainBefore = locked.domain;

  const planChanged = input.plan !== undefined && input.plan !== tenant.plan;
  const plan = (input.plan ?? tenant.plan) as Plan;
  // A new plan's defaults are the plan catalogue's current version (lib/billing/plans).
  const planVersion = planChanged ? await getPlanVersion(plan, undefined, tx) : null;
  const baseLimits = planVersion ? planVersion.limits : tenantLimits(tenant);
  const baseFeatures = planVersion ? planVersion.features : tenantFeatures(tenant);
  const { features: settingsFeatures, ...settingsInput } = input.settings ?? {};
  const limits = { ...baseLimits, ...input.limits };
  const features = { ...baseFeatures, ...settingsFeatures, ...input.features };
  const settings = { ...(tenant.settings as Record<string, unknown>), ...settingsInput };
  // Branding goes through the branding service's checks and CSS sanitiser, as PUT …/branding does.
  const branding = input.branding ? (await prepareTenantBranding(tx, tenantId, storedBranding(tenant), input.branding, "branding.")).stored : tenant.branding;

  const overMax = limitsAbovePlatformMax(limits);
  if (overMax.length) throw new AppError("limits_exceeded", "Requested limits exceed the platform maximum", overMax);

  const before = { name: tenant.name, plan: tenant.plan, domain: shownDomainBefore, trial_ends_at: tenant.trialEndsAt?.toISOString() ?? null, settings: tenant.settings, limits: tenantLimits(tenant), features: tenantFeatures(tenant), branding: tenant.branding };
  const after = {
    name: input.name ?? tenant.name,
    plan,
    domain: tenant.domain,
    trial_ends_at: input.trial_ends_at === undefined ? before.trial_ends_at : input.trial_ends_at && new Date(input.trial_ends_at).toISOString(),
    settings,
    limits,
    features,
    branding,
  };
  const d = diff(before as Record<string, unknown>, after as Record<string, unknown>);
  const changes = changesApplied(before, after);
  if (d.changed.length === 0) {
    return { tenant, etag: etagOf(tenant), changes_applied: [] as string[] };
  }
  if (d.changed.length === 1 && d.changed[0] === "domain") {
    // Only the shown domain moved, and the trigger already wrote it (and the version).
    await publishEvent(tx, caller, { tenantId, action: "tenant.updated", targetType: "tenant", targetId: tenantId, targetLabel: tenant.name, before: d.before, after: { ...d.after, changes_applied: changes } });
    return { tenant, etag: etagOf(tenant), changes_applied: changes };
  }
  const updated = await tx.tenant.update({
    where: { id: tenantId },
    data: {
      name: after.name,
      plan: after.plan,
      trialEndsAt: after.trial_ends_at ? new Date(after.trial_ends_at) : null,
      isTrial: Boolean(after.trial_ends_at),
      settings: after.settings as Prisma.InputJsonValue,
      limits: after.limits,
      features: after.features,
      branding: after.branding as Prisma.InputJsonValue,
      version: { increment: 1 },
      updatedAt: new Date(),
    },
  });
  // Branding edited through the tenant itself still joins the branding history, so it can be reverted like any other save.
  // The role's CONNECTION LIMIT follows database_connections in this same transaction.
  if (d.changed.includes("limits")) await syncTenantDbRole(tx, tenantId);
  if (planVersion) await followTenantPlan(tx, updated, planVersion);
  if (d.changed.includes("branding")) await recordBrandingVersion(tx, tenantId, before.branding as StoredBranding, after.branding as StoredBranding, caller);
  await publishEvent(tx, caller, { tenantId, action: "tenant.updated", targetType: "tenant", targetId: tenantId, targetLabel: updated.name, before: d.before, after: { ...d.after, changes_applied: changes } });
  return { tenant: updated, etag: etagOf(updated), changes_applied: changes };
}

type Snapshot = { name: string; plan: string; domain: string | null; trial_ends_at: string | null; settings: unknown; limits: Record<string, number | null>; features: Record<string, boolean>; branding: unknown };

/** Seed 000's vocabulary: `timezone_updated`, `limits_increased`, `features_enabled`, … */
function changesApplied(b: Snapshot, a: Snapshot): string[] {
  const out: string[] = [];
  if (a.name !== b.name) out.push("name_updated");
  if (a.plan !== b.plan) out.push("plan_changed");
  if (a.domain !== b.domain) out.push("domain_updated");
  if (a.trial_ends_at !== b.trial_ends_at) out.push("trial_updated");
  const bs = b.settings as Record<string, unknown>;
  const as = a.settings as Record<string, unknown>;
  for (const k of Object.keys(as)) if (JSON.stringify(as[k]) !== JSON.stringify(bs[k])) out.push(`${k}_updated`);
  const limitKeys = Object.keys(a.limits);
  const grew = (k: string) => (a.limits[k] === null ? b.limits[k] !== null : b.limits[k] !== null && a.limits[k]! > b.limits[k]!);
  const shrank = (k: string) => (b.limits[k] === null ? a.limits[k] !== null : a.limits[k] !== null && a.limits[k]! < b.limits[k]!);
  if (limitKeys.some(grew)) out.push("limits_increased");
  if (limitKeys.some(shrank)) out.push("limits_decreased");
  const featureKeys = Object.keys(a.features);
  if (featureKeys.some((k) => a.features[k] && !b.features[k])) out.push("features_enabled");
  if (featureKeys.some((k) => !a.features[k] && b.features[k])) out.push("features_disabled");
  if (JSON.stringify(a.branding) !== JSON.stringify(b.branding)) out.push("branding_updated");
  return out;
}
