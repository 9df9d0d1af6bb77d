import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { serializeExport } from "@/lib/exports/serialize-export";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { enqueueExport } from "@/lib/jobs/start-jobs";
import type { ExportJob } from "@/lib/schemas/tenant-exports";

/** The requester as the job records it, so the job's audit event names who asked. */
export const requester = (caller: Caller) => ({ kind: caller.kind, id: caller.id, label: caller.label, ip: caller.meta.ip, request_id: caller.meta.requestId });

/**
 * POST /tenants/{id}/export: records a queued job and hands it to the export
 * queue. One export per tenant runs at a time (the tenant row is locked while
 * checking), so a double click cannot start two.
 */
export async function startExport(caller: Caller, tenantId: string): Promise<ExportJob> {
  authorize(caller, "backups:manage");
  const row = await withPlatformScope(async (tx) => {
    const [tenant] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM tenants WHERE id = ${tenantId} FOR UPDATE`;
    if (!tenant) throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
    if (tenant.status === "provisioning") throw new AppError("invalid_state", "The tenant is still being provisioned; export it once it is active");
    const busy = await tx.tenantExport.findFirst({ where: { tenantId, status: { in: ["queued", "running"] } }, select: { id: true } });
    if (busy) throw new AppError("invalid_state", `An export of this tenant is already in progress (${busy.id})`, { job_id: busy.id });
    return tx.tenantExport.create({ data: { id: newId("exp"), tenantId, status: "queued", requestedBy: requester(caller) } });
  });
  await enqueueExport(row.id);
  return serializeExport(row, caller);
}
