import type { TemplateVersion } from "@/lib/templates/get-template-version";

/** A template as the API shows it, with one of its versions (the current one unless asked otherwise). */
export function serializeTemplate(tv: TemplateVersion, tenantCount: number) {
  const t = tv.template;
  return {
    id: t.id,
    key: t.key,
    name: t.name,
    description: t.description,
    built_in: t.builtIn,
    current_version: t.currentVersion,
    archived_at: t.archivedAt?.toISOString() ?? null,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
    tenant_count: tenantCount,
    version: { version: tv.version, definition: tv.definition, created_by: tv.createdBy, created_at: tv.createdAt.toISOString() },
  };
}
export type SerializedTemplate = ReturnType<typeof serializeTemplate>;
