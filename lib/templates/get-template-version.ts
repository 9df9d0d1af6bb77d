import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import type { TenantTemplate } from "@/lib/generated/prisma/client";
import { readDefinition } from "@/lib/templates/read-definition";
import type { TemplateDefinition } from "@/lib/schemas/templates";

export type TemplateVersion = { template: TenantTemplate; version: number; definition: TemplateDefinition; createdBy: string | null; createdAt: Date };

/**
 * One version of a template (the current one when `version` is left out).
 * Archived templates are still found: tenants keep pointing at their version.
 */
export async function getTemplateVersion(templateId: string, version?: number, tx?: Tx): Promise<TemplateVersion> {
  const read = async (t: Tx) => {
    const template = await t.tenantTemplate.findUnique({ where: { id: templateId } });
    if (!template) throw new AppError("not_found", `No template with id ${templateId}`, [{ path: "template_id", message: "No such template" }]);
    const wanted = version ?? template.currentVersion;
    const row = await t.tenantTemplateVersion.findUnique({ where: { templateId_version: { templateId, version: wanted } } });
    if (!row) throw new AppError("not_found", `Template ${templateId} has no version ${wanted} (latest: ${template.currentVersion})`, [{ path: "version", message: `Versions 1–${template.currentVersion}` }]);
    return { template, version: row.version, definition: readDefinition(row.definition), createdBy: row.createdBy, createdAt: row.createdAt };
  };
  return tx ? read(tx) : withPlatformScope(read);
}
