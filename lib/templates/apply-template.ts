import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { applyTemplateEndpoints, applyTemplateRoles, applyTemplateTenantFields, type AuditExtra } from "@/lib/templates/apply-template-parts";
import { getTemplateVersion } from "@/lib/templates/get-template-version";
import { loadTemplateTarget } from "@/lib/templates/load-template-target";
import { templateDiff, type TemplateDiffEntry } from "@/lib/templates/template-diff";
import { lockTenant } from "@/lib/tenants/update-tenant";

const NOT_APPLICABLE = new Set(["provisioning", "pending_deletion"]);

/**
 * Brings an existing tenant in line with a template version (the current one
 * when `version` is left out), in the caller's transaction: plan, limits,
 * features, settings, branding, the template's roles and webhook endpoints
 * (others are left alone; starter SQL runs only at provisioning), and records
 * the version on the tenant. Applying the same version twice changes nothing
 * the second time. Bulk apply_template (lib/bulk) runs it per tenant and rolls
 * it back for a dry run.
 */
export async function applyTemplateInTx(
  tx: Tx,
  caller: Caller,
  tenantId: string,
  templateId: string,
  version?: number,
  opts: { auditExtra?: AuditExtra } = {},
): Promise<{ changed: boolean; diff: TemplateDiffEntry[] }> {
  authorize(caller, "tenants:update");
  const tv = await getTemplateVersion(templateId, version, tx);
  if (tv.template.archivedAt && version === undefined) throw new AppError("invalid_state", `Template ${tv.template.name} is archived; name a version to apply it anyway`);
  const tenant = await lockTenant(tx, tenantId);
  if (NOT_APPLICABLE.has(tenant.status)) throw new AppError("invalid_state", `A tenant that is ${tenant.status.replace("_", " ")} cannot take a template`);

  const ref = { templateId: tv.template.id, version: tv.version };
  const diff = templateDiff(await loadTemplateTarget(tx, tenantId), tv.definition, ref);
  if (diff.length === 0) return { changed: false, diff };

  const extra = opts.auditExtra ?? {};
  await applyTemplateTenantFields(tx, caller, tenant, tv.definition, extra);
  await applyTemplateRoles(tx, caller, tenantId, tv.definition, extra);
  await applyTemplateEndpoints(tx, caller, tenantId, tv.definition, extra);
  await tx.tenant.update({ where: { id: tenantId }, data: { templateId: ref.templateId, templateVersion: ref.version } });
  await publishEvent(tx, caller, {
    tenantId,
    action: "tenant.template_applied",
    targetType: "tenant",
    targetId: tenantId,
    targetLabel: tenant.name,
    before: { template_id: tenant.templateId, template_version: tenant.templateVersion },
    after: { template_id: ref.templateId, template_version: ref.version, template_name: tv.template.name, changed_fields: diff.map((d) => d.field), ...extra },
  });
  return { changed: true, diff };
}

/** What applyTemplateInTx would change, without changing anything (the "Compare with template" view, bulk previews). */
export async function describeTemplateApplication(tx: Tx, tenantId: string, templateId: string, version?: number): Promise<TemplateDiffEntry[]> {
  const tv = await getTemplateVersion(templateId, version, tx);
  return templateDiff(await loadTemplateTarget(tx, tenantId), tv.definition, { templateId: tv.template.id, version: tv.version });
}
