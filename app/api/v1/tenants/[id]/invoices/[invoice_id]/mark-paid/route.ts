import { markTenantInvoicePaid } from "@/lib/api-contracts/invoices";
import { changeInvoiceStatus } from "@/lib/billing/invoices/change-invoice-status";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(markTenantInvoicePaid, async ({ actor, params }) => success(await changeInvoiceStatus(actor, params.id, params.invoice_id, "mark_paid")));
