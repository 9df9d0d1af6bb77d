import { listTenantInvoices } from "@/lib/api-contracts/invoices";
import { listInvoices } from "@/lib/billing/invoices/read-invoices";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(listTenantInvoices, async ({ actor, params, query }) => success(await listInvoices(actor, params.id, Object.fromEntries(query))));
