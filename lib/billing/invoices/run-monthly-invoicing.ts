import { systemCaller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { collectInvoice } from "./collect-invoice";
import { generateInvoice } from "./generate-invoice";
import { periodMonth, previousMonth } from "./invoice-period";

export type InvoicingRun = { period: string; tenants: number; created: number; existing: number; failed: { tenantId: string; error: string }[] };

/** Tenants invoiced at once: each is its own short transaction, so a few in flight keep a 2-core database busy without crowding it. */
const CONCURRENCY = 4;

/**
 * The monthly invoicing job: for every active or suspended tenant that existed
 * before the period ended, the previous calendar month's invoice, issued. It
 * runs daily (lib/billing/invoices/invoice-jobs.ts) and generation is
 * idempotent per tenant and period, so the 1st does the work and a later run
 * only fills in whatever a failure or a stopped server missed. One tenant's
 * failure is reported and does not stop the others.
 */
export async function runMonthlyInvoicing(now = new Date()): Promise<InvoicingRun> {
  const period = previousMonth(now);
  const caller = systemCaller("monthly invoicing");
  const tenants = await withPlatformScope((tx) =>
    tx.tenant.findMany({ where: { status: { in: ["active", "suspended"] }, createdAt: { lt: period.periodEnd } }, select: { id: true }, orderBy: { createdAt: "asc" } }),
  );
  const run: InvoicingRun = { period: periodMonth(period), tenants: tenants.length, created: 0, existing: 0, failed: [] };
  let next = 0;
  const worker = async () => {
    while (next < tenants.length) {
      const tenantId = tenants[next++].id;
      try {
        const r = await generateInvoice(caller, tenantId, period, { now });
        if (!r.created) {
          run.existing++;
          continue;
        }
        run.created++;
        // After the commit: the provider is outside the database.
        await collectInvoice(r.payable);
      } catch (err) {
        run.failed.push({ tenantId, error: (err as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, tenants.length) }, worker));
  return run;
}
