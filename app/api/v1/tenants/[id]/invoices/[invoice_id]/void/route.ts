import { voidTenantInvoice } from "@/lib/api-contracts/invoices";
import { changeInvoiceStatus } from "@/lib/billing/invoices/change-invoice-status";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(voidTenantInvoice, async ({ actor, params }) => success(await changeInvoiceStatus(actor, params.id, params.invoice_id, "void")));
