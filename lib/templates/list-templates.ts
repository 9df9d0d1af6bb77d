import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { readDefinition } from "@/lib/templates/read-definition";
import { serializeTemplate, type SerializedTemplate } from "@/lib/templates/serialize-template";
import { PLANS } from "@/lib/tenants/plans";

/** Every template with its current version, built-ins first, then by name; archived ones only when asked. */
export async function listTemplates(caller: Caller, opts: { includeArchived?: boolean } = {}): Promise<SerializedTemplate[]> {
  authorize(caller, "tenants:read");
  return withPlatformScope(async (tx) => {
    const templates = await tx.tenantTemplate.findMany({
      where: opts.includeArchived ? {} : { archivedAt: null },
      orderBy: [{ builtIn: "desc" }, { name: "asc" }, { id: "asc" }],
    });
    if (templates.length === 0) return [];
    const ids = templates.map((t) => t.id);
    const [versions, counts] = await Promise.all([
      tx.tenantTemplateVersion.findMany({ where: { OR: templates.map((t) => ({ templateId: t.id, version: t.currentVersion })) } }),
      tx.tenant.groupBy({ by: ["templateId"], where: { templateId: { in: ids } }, _count: { _all: true } }),
    ]);
    const out = templates.map((template) => {
      const v = versions.find((x) => x.templateId === template.id)!;
      const count = counts.find((c) => c.templateId === template.id)?._count._all ?? 0;
      return serializeTemplate({ template, version: v.version, definition: readDefinition(v.definition), createdBy: v.createdBy, createdAt: v.createdAt }, count);
    });
    // Built-in starters in plan order (basic, professional, enterprise), then the rest by name.
    const rank = (t: SerializedTemplate) => (t.built_in ? PLANS.indexOf(t.version.definition.plan) : PLANS.length);
    return out.sort((a, b) => rank(a) - rank(b));
  });
}
