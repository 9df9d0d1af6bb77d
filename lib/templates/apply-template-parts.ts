import type { Caller } from "@/lib/auth/caller";
import { storedBranding, type StoredBranding } from "@/lib/branding/branding-document";
import { recordBrandingVersion } from "@/lib/branding/branding-versions";
import { prepareTenantBranding } from "@/lib/branding/prepare-tenant-branding";
import type { Tx } from "@/lib/db/prisma";
import { publishEvent } from "@/lib/events/publish-event";
import type { Prisma, Tenant } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { newRoleId } from "@/lib/roles/serialize-role";
import { limitsAbovePlatformMax } from "@/lib/schemas/tenant";
import type { TemplateDefinition } from "@/lib/schemas/templates";
import { templateFeatures, templateLimits } from "@/lib/templates/template-diff";
import { syncTenantDbRole } from "@/lib/tenants/tenant-db-role";
import { changeSubscriptionPlanInTx } from "@/lib/billing/subscriptions/change-subscription-plan";
import type { Plan } from "@/lib/tenants/plans";
import { tenantFeatures, tenantLimits } from "@/lib/tenants/serialize-tenant";
import { MAX_WEBHOOK_ENDPOINTS, newEndpointId } from "@/lib/webhooks/create-webhook-endpoint";
import { newWebhookSecret, sealSecret } from "@/lib/webhooks/secret-box";

// The pieces of applying a template. applyTemplateInTx runs them all in one
// transaction; provisioning runs them as separate steps the progress view shows.
// Each returns whether it changed anything, so applying twice changes nothing.

/** Merged into every audit event's `after` (a bulk operation's id). */
export type AuditExtra = Record<string, unknown>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameSet = (a: readonly string[], b: readonly string[]) => same([...a].sort(), [...b].sort());

/**
 * Plan, limits (plan defaults, then the template's), features (likewise),
 * settings and branding (only the keys the template names) on the tenant row,
 * through the branding service's checks, as PUT /tenants/{id} does.
 */
export async function applyTemplateTenantFields(tx: Tx, caller: Caller, current: Tenant, def: TemplateDefinition, extra: AuditExtra = {}): Promise<boolean> {
  let tenant = current;
  let planChanged = false;
  // A plan change is a subscription change (proration, the plan version's price): the billing service makes it.
  // At provisioning the tenant was created on the template's plan already.
  if (def.plan !== tenant.plan && tenant.status !== "provisioning") {
    planChanged = (await changeSubscriptionPlanInTx(tx, caller, tenant.id, { plan: def.plan as Plan, reason: "template applied", auditExtra: extra })).changed;
    tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
  }
  const limits = templateLimits(def);
  const overMax = limitsAbovePlatformMax(limits);
  if (overMax.length) throw new AppError("limits_exceeded", "The template's limits exceed the platform maximum", overMax.map((d) => ({ ...d, path: `definition.${d.path}` })));
  const features = templateFeatures(def);
  const settings = { ...(tenant.settings as Record<string, unknown>), ...def.settings };
  const brandingBefore = storedBranding(tenant);
  const wantsBranding = Object.entries(def.branding).some(([k, v]) => brandingBefore[k as keyof StoredBranding] !== v);
  const branding = wantsBranding ? (await prepareTenantBranding(tx, tenant.id, brandingBefore, def.branding, "definition.branding.")).stored : brandingBefore;

  const before = { plan: tenant.plan, limits: tenantLimits(tenant), features: tenantFeatures(tenant), settings: tenant.settings, branding: brandingBefore };
  const after = { plan: def.plan, limits, features, settings, branding };
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => !same(before[k], after[k]));
  if (changed.length === 0) return planChanged;
  const updated = await tx.tenant.update({
    where: { id: tenant.id },
    data: {
      plan: def.plan,
      limits,
      features,
      settings: settings as Prisma.InputJsonValue,
      branding: branding as Prisma.InputJsonValue,
      version: { increment: 1 },
      updatedAt: new Date(),
    },
  });
  if (changed.includes("limits")) await syncTenantDbRole(tx, tenant.id);
  if (changed.includes("branding")) await recordBrandingVersion(tx, tenant.id, brandingBefore, branding, caller);
  await publishEvent(tx, caller, {
    tenantId: tenant.id,
    action: "tenant.updated",
    targetType: "tenant",
    targetId: tenant.id,
    targetLabel: updated.name,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: { ...Object.fromEntries(changed.map((k) => [k, after[k]])), changes_applied: changed.map((k) => `${k}_updated`), ...extra },
  });
  return true;
}

/** Creates the template's custom roles the tenant lacks and brings same-named ones in line; other roles are left alone. */
export async function applyTemplateRoles(tx: Tx, caller: Caller, tenantId: string, def: TemplateDefinition, extra: AuditExtra = {}): Promise<boolean> {
  if (def.roles.length === 0) return false;
  const existing = await tx.tenantRole.findMany({ where: { tenantId } });
  let changed = false;
  for (const role of def.roles) {
    const have = existing.find((r) => r.name === role.name);
    if (!have) {
      const row = await tx.tenantRole.create({ data: { tenantId, id: newRoleId(), name: role.name, description: role.description, permissions: role.permissions } });
      await publishEvent(tx, caller, { tenantId, action: "role.created", targetType: "role", targetId: row.id, targetLabel: row.name, after: { name: row.name, description: row.description, permissions: row.permissions, ...extra } });
      changed = true;
    } else if (have.description !== role.description || !sameSet(have.permissions, role.permissions)) {
      await tx.tenantRole.update({ where: { tenantId_id: { tenantId, id: have.id } }, data: { description: role.description, permissions: role.permissions, updatedAt: new Date() } });
      await publishEvent(tx, caller, {
        tenantId,
        action: "role.updated",
        targetType: "role",
        targetId: have.id,
        targetLabel: have.name,
        before: { description: have.description, permissions: have.permissions },
        after: { description: role.description, permissions: role.permissions, ...extra },
      });
      changed = true;
    }
  }
  return changed;
}

/**
 * Adds the template's webhook endpoints the tenant lacks (matched by URL),
 * each with a fresh signing secret of its own, and brings same-URL ones'
 * description and event types in line. Returns the endpoints it created.
 */
export async function applyTemplateEndpoints(tx: Tx, caller: Caller, tenantId: string, def: TemplateDefinition, extra: AuditExtra = {}): Promise<{ changed: boolean; created: string[] }> {
  if (def.webhook_endpoints.length === 0) return { changed: false, created: [] };
  const existing = await tx.webhookEndpoint.findMany({ where: { tenantId } });
  const missing = def.webhook_endpoints.filter((e) => !existing.some((w) => w.url === e.url));
  if (existing.length + missing.length > MAX_WEBHOOK_ENDPOINTS) {
    throw new AppError("limits_exceeded", `The tenant would have more than ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints`, [{ path: "definition.webhook_endpoints", message: "Too many endpoints for this tenant" }]);
  }
  let changed = false;
  const created: string[] = [];
  for (const e of def.webhook_endpoints) {
    const have = existing.find((w) => w.url === e.url);
    if (!have) {
      const row = await tx.webhookEndpoint.create({
        data: { id: newEndpointId(), tenantId, url: e.url, description: e.description, eventTypes: e.event_types, enabled: true, secretCiphertext: sealSecret(newWebhookSecret()), createdBy: caller.id },
      });
      await publishEvent(tx, caller, { tenantId, action: "webhook.endpoint_created", targetType: "webhook_endpoint", targetId: row.id, after: { url: row.url, event_types: row.eventTypes, enabled: true, ...extra } });
      created.push(row.id);
      changed = true;
    } else if (have.description !== e.description || !sameSet(have.eventTypes, e.event_types)) {
      await tx.webhookEndpoint.update({ where: { id: have.id }, data: { description: e.description, eventTypes: e.event_types, updatedAt: new Date() } });
      await publishEvent(tx, caller, {
        tenantId,
        action: "webhook.endpoint_updated",
        targetType: "webhook_endpoint",
        targetId: have.id,
        before: { description: have.description, event_types: have.eventTypes },
        after: { description: e.description, event_types: e.event_types, ...extra },
      });
      changed = true;
    }
  }
  return { changed, created };
}
