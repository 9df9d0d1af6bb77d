import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import type { Tenant } from "@/lib/generated/prisma/client";
import type { ProvisionFromTemplateInput, TemplateDefinition } from "@/lib/schemas/templates";
import { applyTemplateEndpoints, applyTemplateRoles, applyTemplateTenantFields } from "@/lib/templates/apply-template-parts";
import { getTemplateVersion } from "@/lib/templates/get-template-version";
import { runStarterSql } from "@/lib/templates/starter-sql";
import { templateLimits } from "@/lib/templates/template-diff";
import { limitsAbovePlatformMax } from "@/lib/schemas/tenant";
import { createTenant, type PendingAdmin } from "@/lib/tenants/create-tenant";
import { provisionTenant } from "@/lib/tenants/provision-tenant";
import { TEMPLATE_PROVISIONING_STEPS } from "@/lib/tenants/serialize-tenant";

export type TemplateProvisioning = { tenant: Tenant; admin: PendingAdmin; definition: TemplateDefinition };

/** The admin: the one named, else the signed-in staff member themself (an API key has no one to name). */
async function pendingAdminOf(caller: Caller, input: ProvisionFromTemplateInput): Promise<{ email: string; name: string; password?: string }> {
  if (input.admin_email) return { email: input.admin_email, name: input.admin_name ?? input.admin_email.split("@")[0], password: input.admin_password };
  if (caller.kind === "user") {
    const user = await withPlatformScope((tx) => tx.user.findUnique({ where: { id: caller.id }, select: { email: true, name: true } }));
    if (user) return { email: user.email, name: input.admin_name ?? user.name };
  }
  throw new AppError("invalid_tenant_config", "admin_email: name the tenant's first owner", [{ path: "admin_email", message: "Required when calling with an API key" }]);
}

/**
 * Records a tenant from a template version (the current one unless `version`),
 * with the overrides (plan, settings) on top: the tenant row in `provisioning`
 * state, listing the template's steps. runTemplateProvisioning then runs them.
 */
export async function startProvisionFromTemplate(caller: Caller, input: ProvisionFromTemplateInput): Promise<TemplateProvisioning> {
  authorize(caller, "tenants:create");
  const tv = await getTemplateVersion(input.template_id, input.version);
  if (tv.template.archivedAt && input.version === undefined) {
    throw new AppError("invalid_state", `Template ${tv.template.name} is archived; choose another template`, [{ path: "template_id", message: "Archived" }]);
  }
  const definition: TemplateDefinition = {
    ...tv.definition,
    plan: input.overrides?.plan ?? tv.definition.plan,
    settings: { ...tv.definition.settings, ...input.overrides?.settings },
    limits: { ...tv.definition.limits, ...input.overrides?.limits },
    features: { ...tv.definition.features, ...input.overrides?.features },
  };
  // Refused before anything is recorded, not halfway through provisioning.
  const overMax = limitsAbovePlatformMax(templateLimits(definition));
  if (overMax.length) throw new AppError("limits_exceeded", "Requested limits exceed the platform maximum", overMax.map((d) => ({ ...d, path: `overrides.${d.path}` })));
  const admin = await pendingAdminOf(caller, input);
  const { tenant, admin: pending } = await createTenant(
    caller,
    { tenant: { name: input.name, slug: input.slug, plan: definition.plan, trial_days: input.trial_days, admin_user: admin, branding: definition.branding } },
    { template: { id: tv.template.id, version: tv.version }, steps: TEMPLATE_PROVISIONING_STEPS },
  );
  return { tenant, admin: pending, definition };
}

/** Runs the provisioning, the template's pieces as steps of their own (shown live by the console's progress view). */
export function runTemplateProvisioning(caller: Caller, p: TemplateProvisioning) {
  const id = p.tenant.id;
  return provisionTenant(caller, p.tenant, p.admin, {
    extraSteps: {
      template_settings: async () => {
        await withPlatformScope(async (tx) => applyTemplateTenantFields(tx, caller, await tx.tenant.findUniqueOrThrow({ where: { id } }), p.definition));
      },
      template_roles: async () => {
        await withPlatformScope((tx) => applyTemplateRoles(tx, caller, id, p.definition));
      },
      template_webhooks: async () => {
        await withPlatformScope((tx) => applyTemplateEndpoints(tx, caller, id, p.definition));
      },
      template_starter_data: async () => {
        if (p.definition.starter_sql) await runStarterSql(id, p.definition.starter_sql);
      },
    },
  });
}
