import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { describeTemplateApplication } from "@/lib/templates/apply-template";

/** The "Compare with template" view: what applying a template version to a tenant would change. */
export async function compareWithTemplate(caller: Caller, templateId: string, tenantId: string, version?: number) {
  authorize(caller, "tenants:read");
  return withPlatformScope(async (tx) => {
    const diff = await describeTemplateApplication(tx, tenantId, templateId, version);
    const t = await tx.tenantTemplate.findUniqueOrThrow({ where: { id: templateId }, select: { currentVersion: true } });
    return { tenant_id: tenantId, template_id: templateId, version: version ?? t.currentVersion, diff };
  });
}
