import { randomBytes } from "node:crypto";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { uniqueViolation } from "@/lib/db/unique-violation";
import { publishEvent } from "@/lib/events/publish-event";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { createTemplateSchema } from "@/lib/schemas/templates";
import { checkDefinition } from "@/lib/templates/check-definition";
import { getTemplateVersion } from "@/lib/templates/get-template-version";
import { serializeTemplate } from "@/lib/templates/serialize-template";

export const newTemplateId = () => `tpl_${randomBytes(8).toString("hex")}`;

/** Creates a template at version 1. Bad starter SQL or limits are refused here, before anything is stored. */
export async function createTemplate(caller: Caller, input: unknown) {
  authorize(caller, "templates:manage");
  const body = parseOrThrow(createTemplateSchema, input);
  await checkDefinition(body.definition);
  try {
    return await withPlatformScope(async (tx) => {
      const id = newTemplateId();
      await tx.tenantTemplate.create({ data: { id, key: body.key, name: body.name, description: body.description, currentVersion: 1 } });
      await tx.tenantTemplateVersion.create({ data: { templateId: id, version: 1, definition: body.definition as Prisma.InputJsonValue, createdBy: caller.label } });
      await publishEvent(tx, caller, { tenantId: null, action: "template.created", targetType: "template", targetId: id, targetLabel: body.name, after: { key: body.key, name: body.name, version: 1, plan: body.definition.plan } });
      return serializeTemplate(await getTemplateVersion(id, 1, tx), 0);
    });
  } catch (err) {
    if (uniqueViolation(err)?.includes("key")) throw new AppError("invalid_state", `A template with key ${body.key} already exists`, [{ path: "key", message: "Already used by another template" }]);
    throw err;
  }
}
