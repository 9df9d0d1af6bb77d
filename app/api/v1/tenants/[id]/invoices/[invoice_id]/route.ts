import { getTenantInvoice } from "@/lib/api-contracts/invoices";
import { getInvoice } from "@/lib/billing/invoices/read-invoices";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(getTenantInvoice, async ({ actor, params }) => success(await getInvoice(actor, params.id, params.invoice_id)));
