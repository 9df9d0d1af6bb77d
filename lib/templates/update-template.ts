import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { updateTemplateSchema } from "@/lib/schemas/templates";
import { checkDefinition } from "@/lib/templates/check-definition";
import { getTemplateVersion } from "@/lib/templates/get-template-version";
import { serializeTemplate } from "@/lib/templates/serialize-template";

/**
 * Every save is a new version (versions are never edited, so a tenant's
 * recorded version keeps meaning what it meant). Concurrent saves queue on the
 * template's row lock and get consecutive versions.
 */
export async function updateTemplate(caller: Caller, templateId: string, input: unknown) {
  authorize(caller, "templates:manage");
  const body = parseOrThrow(updateTemplateSchema, input);
  if (body.definition) await checkDefinition(body.definition);
  return withPlatformScope(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM tenant_templates WHERE id = ${templateId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", `No template with id ${templateId}`);
    const current = await getTemplateVersion(templateId, undefined, tx);
    if (current.template.archivedAt) throw new AppError("invalid_state", "This template is archived; archived templates cannot be edited");
    const version = current.template.currentVersion + 1;
    const definition = body.definition ?? current.definition;
    await tx.tenantTemplateVersion.create({ data: { templateId, version, definition: definition as Prisma.InputJsonValue, createdBy: caller.label } });
    const template = await tx.tenantTemplate.update({
      where: { id: templateId },
      data: { currentVersion: version, name: body.name ?? current.template.name, description: body.description ?? current.template.description, updatedAt: new Date() },
    });
    await publishEvent(tx, caller, {
      tenantId: null,
      action: "template.updated",
      targetType: "template",
      targetId: templateId,
      targetLabel: template.name,
      before: { version: current.version, name: current.template.name },
      after: { version, name: template.name, definition_changed: JSON.stringify(definition) !== JSON.stringify(current.definition) },
    });
    const count = await tx.tenant.count({ where: { templateId } });
    return serializeTemplate(await getTemplateVersion(templateId, version, tx), count);
  });
}
