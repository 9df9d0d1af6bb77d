import { headers } from "next/headers";
import { auditExportResponse } from "@/lib/audit/audit-export-response";
import { authorizeAuditRead } from "@/lib/audit/authorize-audit-read";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";
import { portalMember } from "@/lib/portal/portal-session";
import { tenantAuditExportQuerySchema } from "@/lib/schemas/audit";
import { resolveHost } from "@/lib/tenancy/resolve-host";

export const dynamic = "force-dynamic";

/**
 * The portal's audit export: the same streamed CSV/NDJSON as the API's
 * `…/audit-log/export`, for the signed-in member of this host's tenant (a
 * session cookie is not an API credential, so the page downloads from here).
 * Authorised before the query is parsed; the service authorises again and audits the export.
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
    const scope = { kind: "tenant", tenantId: tenant.id } as const;
    // Authorise (audit:read and the plan's audit_logs, as the service will again) before the query is read: a refusal describes no filter.
    await withTenantScope(tenant.id, (tx) => authorizeAuditRead(tx, member.actor, scope));
    const { format, ...filters } = parseOrThrow(tenantAuditExportQuerySchema, Object.fromEntries(new URL(req.url).searchParams));
    return auditExportResponse(await exportAuditEvents(member.actor, scope, filters, format));
  } catch (err) {
    return failure(err, requestId);
  }
}
