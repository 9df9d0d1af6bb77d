import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { getTemplateVersion } from "@/lib/templates/get-template-version";
import { serializeTemplate } from "@/lib/templates/serialize-template";

/** One template with one version's definition (the current one unless `version`). */
export async function getTemplate(caller: Caller, templateId: string, version?: number) {
  authorize(caller, "tenants:read");
  return withPlatformScope(async (tx) => {
    const tv = await getTemplateVersion(templateId, version, tx);
    const count = await tx.tenant.count({ where: { templateId } });
    return serializeTemplate(tv, count);
  });
}

/** The versions of a template, newest first, with how many tenants record each. */
export async function listTemplateVersions(caller: Caller, templateId: string) {
  authorize(caller, "tenants:read");
  return withPlatformScope(async (tx) => {
    await getTemplateVersion(templateId, undefined, tx); // 404 for an unknown template
    const [versions, counts] = await Promise.all([
      tx.tenantTemplateVersion.findMany({ where: { templateId }, orderBy: { version: "desc" }, select: { version: true, createdBy: true, createdAt: true } }),
      tx.tenant.groupBy({ by: ["templateVersion"], where: { templateId }, _count: { _all: true } }),
    ]);
    return versions.map((v) => ({
      version: v.version,
      created_by: v.createdBy,
      created_at: v.createdAt.toISOString(),
      tenant_count: counts.find((c) => c.templateVersion === v.version)?._count._all ?? 0,
    }));
  });
}
