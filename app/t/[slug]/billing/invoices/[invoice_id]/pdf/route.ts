import { headers } from "next/headers";
import { getInvoicePdf, invoicePdfResponse } from "@/lib/billing/invoices/get-invoice-pdf";
import { AppError } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";
import { portalMember } from "@/lib/portal/portal-session";
import { resolveHost } from "@/lib/tenancy/resolve-host";

export const dynamic = "force-dynamic";

/**
 * The portal's invoice PDF: the same file as the API's
 * `…/invoices/{invoice_id}/pdf`, for the signed-in member of this host's
 * tenant (a session cookie is not an API credential, so the Billing page
 * downloads from here). The service authorises: billing:manage.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string; invoice_id: string }> }): Promise<Response> {
  const h = await headers();
  const requestId = h.get("x-request-id") ?? undefined;
  try {
    const { slug, invoice_id } = await params;
    const resolution = await resolveHost(h.get("host"));
    if (resolution.kind !== "tenant" || resolution.tenant.slug !== slug) throw new AppError("tenant_not_found", "No organisation is served at this address");
    const member = await portalMember(resolution.tenant);
    if (!member) throw new AppError("authentication_required", "Sign in to download invoices");
    return invoicePdfResponse(await getInvoicePdf(member.actor, resolution.tenant.id, invoice_id));
  } catch (err) {
    return failure(err, requestId);
  }
}
