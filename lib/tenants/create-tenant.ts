import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { publishEvent } from "@/lib/events/publish-event";
import { prepareTenantBranding } from "@/lib/branding/prepare-tenant-branding";
import { withPlatformScope } from "@/lib/db/scope";
import { applyDeclaredDomain, declaredDomain } from "@/lib/domains/declared-domain";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/http/errors";
import { enforceUseCaseLimit } from "@/lib/http/api-rate-limit";
import { newId } from "@/lib/ids";
import type { Tenant } from "@/lib/generated/prisma/client";
import { limitsAbovePlatformMax, slugSchema, type CreateTenantInput } from "@/lib/schemas/tenant";
import { getPlanVersion } from "@/lib/billing/plans/plan-versions";
import { insertSubscriptionIfMissing } from "@/lib/billing/subscriptions/ensure-subscription";
import { hashPassword } from "@/lib/auth/password";
import { PROVISIONING_STEPS, type ProvisioningState, type ProvisioningStepName } from "@/lib/tenants/serialize-tenant";
import { schemaNameFromSlug, slugify } from "@/lib/tenants/slug";
import { schemaExists } from "@/lib/tenants/tenant-schema";

/** A unique index's name → seed 000's error, on the field's path (`prefix` is "tenant." for create bodies). */
export function conflictError(constraint: string, prefix = "tenant."): AppError {
  if (constraint.includes("schema_name")) return new AppError("schema_name_exists", "Schema name already exists", [{ path: `${prefix}schema_name`, message: "Already used by another tenant" }]);
  if (constraint.includes("domain")) return new AppError("domain_already_used", "Domain is already assigned to another tenant", [{ path: `${prefix}domain`, message: "Already used by another tenant" }]);
  if (constraint.includes("slug")) return new AppError("invalid_tenant_config", `${prefix}slug: this subdomain is already taken`, [{ path: `${prefix}slug`, message: "This subdomain is already taken" }]);
  return new AppError("invalid_tenant_config", "Tenant configuration conflicts with an existing tenant");
}

/**
 * Records a new tenant in `provisioning` state (the provisioning steps then
 * run in provisionTenant). Unique indexes decide races on slug, schema name
 * and domain: of concurrent creates exactly one insert wins.
 */
export type PendingAdmin = { email: string; name: string; passwordHash: string | null };

/** A tenant provisioned from a template records its version and runs the template's steps (lib/templates/provision-from-template.ts). */
export type CreateTenantOptions = { template?: { id: string; version: number }; steps?: ProvisioningStepName[] };

export async function createTenant(caller: Caller, input: CreateTenantInput, opts: CreateTenantOptions = {}): Promise<{ tenant: Tenant; admin: PendingAdmin }> {
  authorize(caller, "tenants:create");
  const t = input.tenant;

  const slugResult = slugSchema.safeParse(t.slug ?? slugify(t.name));
  if (!slugResult.success) {
    throw new AppError("invalid_tenant_config", `tenant.slug: ${t.slug ? slugResult.error.issues[0].message : "could not derive a usable subdomain from the name; give a slug"}`, [
      { path: "tenant.slug", message: slugResult.error.issues[0].message },
    ]);
  }
  const slug = slugResult.data;
  const schemaName = t.schema_name ?? schemaNameFromSlug(slug);
  // New tenants take the plan catalogue's current version (lib/billing/plans); their subscription is made with them.
  const plan = await getPlanVersion(t.plan);
  const limits = { ...plan.limits, ...t.limits };
  const overMax = limitsAbovePlatformMax(limits).map((d) => ({ ...d, path: `tenant.${d.path}` }));
  if (overMax.length) throw new AppError("limits_exceeded", "Requested limits exceed the platform maximum", overMax);
  const { features: featureOverrides, ...settings } = t.settings ?? { timezone: "UTC", currency: "USD", locale: "en-US", date_format: "%Y-%m-%d", time_format: "%H:%M" };
  const features = { ...plan.features, ...featureOverrides };
  const trialDays = t.trial_days ?? 0;
  const domain = t.domain ? declaredDomain(t.domain, "tenant.domain") : null;

  // A schema of that name made outside Atrium would make the first step fail; say so up front.
  // When it is another tenant's, because the slug (from which the name derives) is taken, say that.
  if (await schemaExists(schemaName)) {
    const slugTaken = await withPlatformScope((tx) => tx.tenant.findUnique({ where: { slug }, select: { id: true } }));
    throw conflictError(slugTaken ? "slug" : "schema_name");
  }

  await enforceUseCaseLimit("tenant_creation", { caller }, null);

  // Hashed now, kept only in memory until the admin_creation step: never stored with the tenant.
  const admin: PendingAdmin = { email: t.admin_user.email, name: t.admin_user.name, passwordHash: t.admin_user.password ? await hashPassword(t.admin_user.password) : null };
  const now = new Date();
  const provisioning: ProvisioningState = {
    status: "in_progress",
    started_at: now.toISOString(),
    steps: (opts.steps ?? PROVISIONING_STEPS).map((name) => ({ name, status: "pending" })),
  };
  try {
    const tenant = await withPlatformScope(async (tx) => {
      const id = newId("tenant");
      // The branding service's checks and CSS sanitiser, as for any later save; branding_apply adds only defaults to this.
      const branding = t.branding ? (await prepareTenantBranding(tx, id, {}, t.branding, "tenant.branding.")).stored : {};
      const tenant = await tx.tenant.create({
        data: {
          id,
          name: t.name,
          slug,
          schemaName,
          plan: t.plan,
          status: "provisioning",
          isTrial: trialDays > 0,
          trialEndsAt: trialDays > 0 ? new Date(now.getTime() + trialDays * 86_400_000) : null,
          settings,
          features,
          limits,
          branding,
          templateId: opts.template?.id ?? null,
          templateVersion: opts.template?.version ?? null,
          provisioning: { ...provisioning, admin_user: { email: t.admin_user.email, name: t.admin_user.name } },
        },
      });
      await insertSubscriptionIfMissing(tx, tenant, now);
      await publishEvent(tx, caller, {
        tenantId: tenant.id,
        action: "tenant.created",
        targetType: "tenant",
        targetId: tenant.id,
        targetLabel: tenant.name,
        after: { name: tenant.name, slug, schema_name: schemaName, domain, plan: t.plan, limits, features, admin_email: t.admin_user.email },
      });
      if (!domain) return tenant;
      // Seed 000's `domain` is a custom domain like any other: pending until its TXT record is verified.
      await applyDeclaredDomain(tx, tenant.id, domain, caller, "tenant.domain");
      return tx.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    });
    return { tenant, admin };
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint) throw conflictError(constraint);
    throw err;
  }
}

