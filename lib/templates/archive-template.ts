import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { getTemplateVersion } from "@/lib/templates/get-template-version";
import { serializeTemplate } from "@/lib/templates/serialize-template";

/**
 * DELETE archives: the template leaves the pickers, its versions stay (tenants
 * keep their recorded version and can be compared with it). Built-in starters
 * cannot be archived. Archiving an archived template changes nothing.
 */
export async function archiveTemplate(caller: Caller, templateId: string) {
  authorize(caller, "templates:manage");
  return withPlatformScope(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant_templates WHERE id = ${templateId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", `No template with id ${templateId}`);
    const tv = await getTemplateVersion(templateId, undefined, tx);
    if (tv.template.builtIn) throw new AppError("invalid_state", `${tv.template.name} is a built-in template and cannot be deleted`);
    const count = await tx.tenant.count({ where: { templateId } });
    if (tv.template.archivedAt) return serializeTemplate(tv, count);
    const template = await tx.tenantTemplate.update({ where: { id: templateId }, data: { archivedAt: new Date(), updatedAt: new Date() } });
    await publishEvent(tx, caller, { tenantId: null, action: "template.archived", targetType: "template", targetId: templateId, targetLabel: template.name, after: { archived_at: template.archivedAt!.toISOString(), tenants_keeping_it: count } });
    return serializeTemplate({ ...tv, template }, count);
  });
}
