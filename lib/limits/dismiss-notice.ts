import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { serializeNotice } from "@/lib/limits/serialize-notice";
import type { TenantNotice } from "@/lib/schemas/limits";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

/** Dismisses a notice for the whole tenant (settings:update); dismissing again answers it unchanged. */
export async function dismissNotice(actor: TenantActor, tenantId: string, noticeId: string): Promise<TenantNotice> {
  return withTenantScope(tenantId, async (tx) => {
    const access = await authorizeTenant(actor, tenantId, "settings:update", tx);
    const notice = await tx.tenantNotice.findFirst({ where: { id: noticeId, tenantId } });
    if (!notice) throw new AppError("not_found", `No notice with id ${noticeId}`);
    if (notice.dismissedAt) return serializeNotice(notice);
    const by = access.auditCaller.id ?? access.auditCaller.label;
    return serializeNotice(await tx.tenantNotice.update({ where: { tenantId_id: { tenantId, id: noticeId } }, data: { dismissedAt: new Date(), dismissedBy: by } }));
  });
}
