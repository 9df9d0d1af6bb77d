"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { parseOrThrow } from "@/lib/http/errors";
import { archiveTemplate } from "@/lib/templates/archive-template";
import { compareWithTemplate } from "@/lib/templates/compare-with-template";
import { createTemplate } from "@/lib/templates/create-template";
import type { SerializedTemplate } from "@/lib/templates/serialize-template";
import type { TemplateDiffEntry } from "@/lib/templates/template-diff";
import { updateTemplate } from "@/lib/templates/update-template";

// The console's template pages; the services authorise and parse, as for the API.

const idSchema = z.string().min(1).max(100);

export async function createTemplateAction(input: unknown): Promise<ActionResult<SerializedTemplate>> {
  return runAction("template.createTemplate", async () => createTemplate(await actionCaller(), input));
}

export async function updateTemplateAction(id: unknown, input: unknown): Promise<ActionResult<SerializedTemplate>> {
  return runAction("template.updateTemplate", async () => updateTemplate(await actionCaller(), parseOrThrow(idSchema, id), input));
}

export async function archiveTemplateAction(id: unknown): Promise<ActionResult<SerializedTemplate>> {
  return runAction("template.archiveTemplate", async () => archiveTemplate(await actionCaller(), parseOrThrow(idSchema, id)));
}

const compareSchema = z.strictObject({ templateId: idSchema, tenantId: idSchema, version: z.number().int().min(1).optional() });

export async function compareWithTemplateAction(input: unknown): Promise<ActionResult<{ diff: TemplateDiffEntry[]; version: number }>> {
  return runAction("template.compareWithTemplate", async () => {
    const q = parseOrThrow(compareSchema, input);
    const r = await compareWithTemplate(await actionCaller(), q.templateId, q.tenantId, q.version);
    return { diff: r.diff, version: r.version };
  });
}
