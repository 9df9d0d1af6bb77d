import { generateTenantInvoice } from "@/lib/api-contracts/invoices";
import { generateInvoiceNow } from "@/lib/billing/invoices/generate-invoice-now";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(generateTenantInvoice, async ({ actor, params, input }) => success(await generateInvoiceNow(actor, params.id, input)));
