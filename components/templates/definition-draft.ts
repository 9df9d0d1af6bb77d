"use client";

import { draftToLimits, limitsToDraft, type LimitDraft } from "@/components/console/limits-editor";
import type { TemplateDefinition } from "@/lib/schemas/templates";
import { PLAN_DEFINITIONS, type Features, type Plan } from "@/lib/tenants/plans";

/** The editor's state for a template definition: every field a form control can hold ("" = not set by the template). */
export type DefinitionDraft = {
  plan: Plan;
  limits: LimitDraft;
  features: Features;
  timezone: string;
  locale: string;
  currency: string;
  companyName: string;
  primaryColor: string;
  secondaryColor: string;
  roles: { name: string; description: string; permissions: string[] }[];
  endpoints: { url: string; description: string; eventTypes: string }[];
  starterSql: string;
};

export function emptyDraft(plan: Plan = "basic"): DefinitionDraft {
  return {
    plan,
    limits: limitsToDraft(PLAN_DEFINITIONS[plan].limits),
    features: PLAN_DEFINITIONS[plan].features,
    timezone: "",
    locale: "",
    currency: "",
    companyName: "",
    primaryColor: "",
    secondaryColor: "",
    roles: [],
    endpoints: [],
    starterSql: "",
  };
}

/** A stored definition as the editor shows it: limits and features complete (the plan's defaults under the template's own). */
export function draftFromDefinition(def: TemplateDefinition): DefinitionDraft {
  const plan = PLAN_DEFINITIONS[def.plan];
  return {
    plan: def.plan,
    limits: limitsToDraft({ ...plan.limits, ...def.limits }),
    features: { ...plan.features, ...def.features },
    timezone: def.settings.timezone ?? "",
    locale: def.settings.locale ?? "",
    currency: def.settings.currency ?? "",
    companyName: def.branding.company_name ?? "",
    primaryColor: def.branding.primary_color ?? "",
    secondaryColor: def.branding.secondary_color ?? "",
    roles: def.roles.map((r) => ({ name: r.name, description: r.description, permissions: [...r.permissions] })),
    endpoints: def.webhook_endpoints.map((e) => ({ url: e.url, description: e.description, eventTypes: e.event_types.join(", ") })),
    starterSql: def.starter_sql ?? "",
  };
}

const set = <T extends Record<string, string>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]));

/** The request body's `definition`; limit fields that are not numbers come back as field errors. */
export function definitionFromDraft(d: DefinitionDraft): { definition: unknown; errors: Record<string, string> } {
  const limits = draftToLimits(d.limits, "definition.limits");
  return {
    errors: limits.errors,
    definition: {
      plan: d.plan,
      limits: limits.limits,
      features: d.features,
      settings: set({ timezone: d.timezone, locale: d.locale, currency: d.currency }),
      branding: set({ company_name: d.companyName, primary_color: d.primaryColor, secondary_color: d.secondaryColor }),
      roles: d.roles.map((r) => ({ name: r.name, description: r.description, permissions: r.permissions })),
      webhook_endpoints: d.endpoints.map((e) => ({
        url: e.url,
        description: e.description,
        event_types: e.eventTypes
          .split(/[\s,]+/)
          .map((t) => t.trim())
          .filter(Boolean),
      })),
      starter_sql: d.starterSql.trim() ? d.starterSql : null,
    },
  };
}
