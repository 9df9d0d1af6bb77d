import type PgBoss from "pg-boss";
import { runMonthlyInvoicing } from "./run-monthly-invoicing";

/** Its own queue: a month's invoices for every tenant take longer than a maintenance minute. */
export const INVOICING_QUEUE = "atrium-invoicing";

/** Daily at 00:15 UTC: the 1st issues last month's invoices; the other days fill in any a failure left out. */
export async function startInvoiceJobs(boss: PgBoss): Promise<void> {
  await boss.createQueue(INVOICING_QUEUE);
  await boss.schedule(INVOICING_QUEUE, "15 0 * * *");
  await boss.work(INVOICING_QUEUE, { batchSize: 1 }, async () => {
    const r = await runMonthlyInvoicing();
    if (r.created || r.failed.length) console.log(`[jobs] invoicing ${r.period}: ${r.created} issued, ${r.existing} already there, ${r.failed.length} failed`);
    for (const f of r.failed) console.error(`[jobs] invoicing ${r.period}: ${f.tenantId}: ${f.error}`);
  });
}
