import { headers } from "next/headers";
import { auditExportResponse } from "@/lib/audit/audit-export-response";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";
import { portalMember } from "@/lib/portal/portal-session";
import { requireTenantFeature } from "@/lib/portal/tenant-plan-feature";
import { tenantAuditExportQuerySchema } from "@/lib/schemas/audit";
import { resolveHost } from "@/lib/tenancy/resolve-host";

export const dynamic = "force-dynamic";

/**
 * The portal's audit export: the same streamed CSV/NDJSON as the API's
 * `…/audit-log/export`, for the signed-in member of this host's tenant (a
 * session cookie is not an API credential, so the page downloads from here).
 * The service authorises (audit:read) and audits the export.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const h = await headers();
  const requestId = h.get("x-request-id") ?? undefined;
  try {
    // The host must serve the tenant the path names (as portal pages check), or there is nothing here.
    const resolution = await resolveHost(h.get("host"));
    if (resolution.kind !== "tenant" || resolution.tenant.slug !== (await params).slug) throw new AppError("tenant_not_found", "No organisation is served at this address");
    const tenant = resolution.tenant;
    const member = await portalMember(tenant);
    if (!member) throw new AppError("authentication_required", "Sign in to export the audit log");
    await requireTenantFeature(tenant.id, "audit_logs", "The audit log");
    const { format, ...filters } = parseOrThrow(tenantAuditExportQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
    return auditExportResponse(await exportAuditEvents(member.actor, { kind: "tenant", tenantId: tenant.id }, filters, format));
  } catch (err) {
    return failure(err, requestId);
  }
}
