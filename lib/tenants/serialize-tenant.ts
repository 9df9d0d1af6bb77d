import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";
import type { Tenant } from "@/lib/generated/prisma/client";
import { FEATURES, LIMIT_KEYS, type Features, type Limits } from "@/lib/tenants/plans";
import { PROVISIONING_STEP_NAMES, PROVISIONING_STEPS, TEMPLATE_PROVISIONING_STEPS, type ProvisioningStepName } from "@/lib/tenants/provisioning-step-names";
export { PROVISIONING_STEP_NAMES, PROVISIONING_STEPS, TEMPLATE_PROVISIONING_STEPS, type ProvisioningStepName };
export type ProvisioningStep = { name: ProvisioningStepName; status: "pending" | "in_progress" | "completed" | "failed"; started_at?: string; completed_at?: string; error?: string };
export type ProvisioningState = {
  status: "in_progress" | "completed" | "failed";
  started_at: string;
  completed_at?: string;
  steps: ProvisioningStep[];
  database?: { schema_created: boolean; migrations_applied: boolean; migrations: string[]; extensions_enabled: string[] };
};

export function portalUrl(slug: string): string {
  return tenantBaseUrl({ slug });
}

export function tenantLimits(t: Pick<Tenant, "limits">): Limits {
  const raw = (t.limits ?? {}) as Partial<Limits>;
  return Object.fromEntries(LIMIT_KEYS.map((k) => [k, raw[k] ?? null])) as Limits;
}

export function tenantFeatures(t: Pick<Tenant, "features">): Features {
  const raw = (t.features ?? {}) as Partial<Features>;
  return Object.fromEntries(FEATURES.map((f) => [f, raw[f] === true])) as Features;
}

export function etagOf(t: Pick<Tenant, "id" | "version">): string {
  return `W/"${t.id}-${t.version}"`;
}

/** The `tenant` block of seed 000's responses, with Atrium's additions (slug, plan, trial, lifecycle). */
/** The fields it reads are the tenant list's columns (lib/tenants/tenant-list-sql.ts LIST_COLUMNS), which read no more. */
export type ListedTenant = Pick<Tenant, "id" | "name" | "slug" | "schemaName" | "domain" | "plan" | "status" | "isTrial" | "trialEndsAt" | "limits" | "suspendedAt" | "suspendedReason" | "archivedAt" | "deletionScheduledAt" | "finalDeletionDate" | "createdAt" | "updatedAt">;

export function serializeTenant(t: ListedTenant) {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    schema_name: t.schemaName,
    domain: t.domain,
    portal_url: portalUrl(t.slug),
    plan: t.plan,
    status: t.status,
    is_trial: t.isTrial,
    trial_ends_at: t.trialEndsAt?.toISOString() ?? null,
    suspended_at: t.suspendedAt?.toISOString() ?? null,
    suspended_reason: t.suspendedReason,
    archived_at: t.archivedAt?.toISOString() ?? null,
    deletion_scheduled_at: t.deletionScheduledAt?.toISOString() ?? null,
    final_deletion_date: t.finalDeletionDate?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}
export type SerializedTenant = ReturnType<typeof serializeTenant>;

export function usagePercent(current: number, limit: number | null): number | null {
  if (limit === null) return null;
  if (limit === 0) return current > 0 ? 100 : 0;
  return Math.round((current / limit) * 1000) / 10;
}

export function provisioningSummary(state: ProvisioningState | null | undefined) {
  if (!state?.steps) return null;
  return {
    status: state.status,
    started_at: state.started_at,
    completed_at: state.completed_at ?? null,
    steps: state.steps,
    steps_completed: state.steps.filter((s) => s.status === "completed").map((s) => s.name),
    steps_remaining: state.steps.filter((s) => s.status !== "completed").map((s) => s.name),
  };
}
