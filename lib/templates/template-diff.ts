import { FEATURES, LIMIT_KEYS, PLAN_DEFINITIONS, type Features, type Limits, type Plan } from "@/lib/tenants/plans";
import type { TemplateDefinition } from "@/lib/schemas/templates";

export type TemplateDiffEntry = { field: string; before: unknown; after: unknown };

/** What a template compares against: a tenant row, plus its custom roles and webhook endpoints when known. */
export type TemplateTarget = {
  plan: string;
  settings: unknown;
  limits: unknown;
  features: unknown;
  branding: unknown;
  templateId?: string | null;
  templateVersion?: number | null;
  /** Left out: roles are not compared (load them with loadTemplateTarget for the full picture). */
  roles?: { name: string; description: string; permissions: string[] }[];
  webhookEndpoints?: { url: string; description: string; eventTypes: string[] }[];
};

/** The limits and features a template gives: its plan's defaults, then its own values. */
export function templateLimits(def: Pick<TemplateDefinition, "plan" | "limits">): Limits {
  return { ...PLAN_DEFINITIONS[def.plan as Plan].limits, ...def.limits };
}
export function templateFeatures(def: Pick<TemplateDefinition, "plan" | "features">): Features {
  return { ...PLAN_DEFINITIONS[def.plan as Plan].features, ...def.features };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const sameSet = (a: readonly string[], b: readonly string[]) => same([...a].sort(), [...b].sort());
const obj = (v: unknown) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {});

/**
 * What applying `definition` to `tenant` would change, one entry per field
 * (`limits.users`, `roles.Support`, `webhook_endpoints.https://…`). Roles and
 * endpoints the template does not name are left alone by applying, so they
 * are not listed; the starter SQL runs only at provisioning, so it is not
 * either. Empty: applying changes nothing.
 */
export function templateDiff(tenant: TemplateTarget, definition: TemplateDefinition, ref?: { templateId: string; version: number }): TemplateDiffEntry[] {
  const out: TemplateDiffEntry[] = [];
  if (tenant.plan !== definition.plan) out.push({ field: "plan", before: tenant.plan, after: definition.plan });

  const limits = templateLimits(definition);
  const haveLimits = obj(tenant.limits);
  for (const k of LIMIT_KEYS) if (!same(haveLimits[k], limits[k])) out.push({ field: `limits.${k}`, before: haveLimits[k] ?? null, after: limits[k] });

  const features = templateFeatures(definition);
  const haveFeatures = obj(tenant.features);
  for (const f of FEATURES) if ((haveFeatures[f] === true) !== features[f]) out.push({ field: `features.${f}`, before: haveFeatures[f] === true, after: features[f] });

  const settings = obj(tenant.settings);
  for (const [k, v] of Object.entries(definition.settings)) if (!same(settings[k], v)) out.push({ field: `settings.${k}`, before: settings[k] ?? null, after: v });

  const branding = obj(tenant.branding);
  for (const [k, v] of Object.entries(definition.branding)) if (!same(branding[k], v)) out.push({ field: `branding.${k}`, before: branding[k] ?? null, after: v });

  if (tenant.roles) {
    for (const role of definition.roles) {
      const have = tenant.roles.find((r) => r.name === role.name);
      const want = { description: role.description, permissions: role.permissions };
      if (!have) out.push({ field: `roles.${role.name}`, before: null, after: want });
      else if (have.description !== role.description || !sameSet(have.permissions, role.permissions)) {
        out.push({ field: `roles.${role.name}`, before: { description: have.description, permissions: [...have.permissions].sort() }, after: want });
      }
    }
  }
  if (tenant.webhookEndpoints) {
    for (const e of definition.webhook_endpoints) {
      const have = tenant.webhookEndpoints.find((w) => w.url === e.url);
      const want = { description: e.description, event_types: e.event_types };
      if (!have) out.push({ field: `webhook_endpoints.${e.url}`, before: null, after: want });
      else if (have.description !== e.description || !sameSet(have.eventTypes, e.event_types)) {
        out.push({ field: `webhook_endpoints.${e.url}`, before: { description: have.description, event_types: have.eventTypes }, after: want });
      }
    }
  }
  if (ref && (tenant.templateId !== ref.templateId || tenant.templateVersion !== ref.version)) {
    out.push({ field: "template", before: tenant.templateId ? { id: tenant.templateId, version: tenant.templateVersion ?? null } : null, after: { id: ref.templateId, version: ref.version } });
  }
  return out;
}
