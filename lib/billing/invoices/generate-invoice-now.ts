import { withTenantScope } from "@/lib/db/scope";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { generateInvoiceSchema } from "@/lib/schemas/invoices";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { billingStaff } from "./change-invoice-status";
import { collectInvoice } from "./collect-invoice";
import { generateInvoice } from "./generate-invoice";
import { monthPeriod } from "./invoice-period";
import { readInvoice } from "./read-invoices";
import { invoiceWithLinesView } from "./invoice-view";

/**
 * POST /tenants/{id}/invoices/generate { period: "YYYY-MM" }: what the monthly
 * job does for one tenant, now (staff with the platform's billing:manage). A
 * month that has not started is refused; the current month may be invoiced
 * early, which closes it: usage after that is not billed, and charges made
 * later go on the next month's invoice. Asking again returns the same invoice.
 */
export async function generateInvoiceNow(actor: TenantActor, tenantId: string, body: unknown, now = new Date()) {
  const caller = billingStaff(actor);
  const input = parseOrThrow(generateInvoiceSchema, body);
  const period = monthPeriod(input.period)!;
  if (period.periodStart > now) throw new AppError("invalid_request", `period: ${input.period} has not started`, [{ path: "period", message: "This month has not started yet" }]);
  const r = await generateInvoice(caller, tenantId, period, { now, status: input.status });
  if (r.created && r.status === "issued") await collectInvoice(r.payable);
  const invoice = await withTenantScope(tenantId, (tx) => readInvoice(tx, tenantId, r.invoiceId));
  return { invoice: invoiceWithLinesView(invoice), created: r.created };
}
