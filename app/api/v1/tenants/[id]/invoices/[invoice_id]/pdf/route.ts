import { getTenantInvoicePdf } from "@/lib/api-contracts/invoices";
import { getInvoicePdf, invoicePdfResponse } from "@/lib/billing/invoices/get-invoice-pdf";
import { apiRoute } from "@/lib/http/api-route";

export const GET = apiRoute(getTenantInvoicePdf, async ({ actor, params }) => invoicePdfResponse(await getInvoicePdf(actor, params.id, params.invoice_id)));
