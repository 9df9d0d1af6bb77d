import type { TemplateDefinition } from "@/lib/schemas/templates";

/**
 * A stored definition with every field present. Versions were validated when
 * saved (templateDefinitionSchema), so this only fills fields an older version
 * may lack; it does not re-run checks that depend on the environment (webhook
 * URL policy), which must not make a saved version unreadable.
 */
export function readDefinition(stored: unknown): TemplateDefinition {
  const d = (stored ?? {}) as Partial<TemplateDefinition>;
  return {
    plan: d.plan ?? "basic",
    settings: d.settings ?? {},
    limits: d.limits ?? {},
    features: d.features ?? {},
    branding: d.branding ?? {},
    roles: d.roles ?? [],
    webhook_endpoints: d.webhook_endpoints ?? [],
    starter_sql: d.starter_sql ?? null,
  };
}
