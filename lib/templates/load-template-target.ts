import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import type { TemplateTarget } from "@/lib/templates/template-diff";

/** A tenant with its custom roles and webhook endpoints, for templateDiff; works in tenant or platform scope. */
export async function loadTemplateTarget(tx: Tx, tenantId: string): Promise<TemplateTarget & { id: string; name: string; status: string }> {
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId } });
  if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
  const [roles, endpoints] = await Promise.all([
    tx.tenantRole.findMany({ where: { tenantId }, select: { name: true, description: true, permissions: true } }),
    tx.webhookEndpoint.findMany({ where: { tenantId }, select: { url: true, description: true, eventTypes: true } }),
  ]);
  return { ...tenant, roles, webhookEndpoints: endpoints };
}
