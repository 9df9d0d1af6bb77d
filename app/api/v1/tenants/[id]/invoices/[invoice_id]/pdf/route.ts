import { getTenantInvoicePdf } from "@/lib/api-contracts/invoices";
import { getInvoicePdf, invoicePdfResponse } from "@/lib/billing/invoices/get-invoice-pdf";
import { apiRoute } from "@/lib/http/api-route";

// Member sessions too: the portal's Billing page links here (GET only; the service authorises billing:manage).
export const GET = apiRoute(getTenantInvoicePdf, async ({ actor, params }) => invoicePdfResponse(await getInvoicePdf(actor, params.id, params.invoice_id)), { memberSessions: true });
