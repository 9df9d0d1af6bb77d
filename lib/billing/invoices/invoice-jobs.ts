import type PgBoss from "pg-boss";
import { runMonthlyInvoicing } from "./run-monthly-invoicing";
import { log } from "@/lib/observability/logger";

/** Its own queue: a month's invoices for every tenant take longer than a maintenance minute. */
export const INVOICING_QUEUE = "atrium-invoicing";

/** Daily at 00:15 UTC: the 1st issues last month's invoices; the other days fill in any a failure left out. */
export async function startInvoiceJobs(boss: PgBoss): Promise<void> {
  await boss.createQueue(INVOICING_QUEUE);
  await boss.schedule(INVOICING_QUEUE, "15 0 * * *");
  await boss.work(INVOICING_QUEUE, { batchSize: 1 }, async () => {
    const r = await runMonthlyInvoicing();
    if (r.created || r.failed.length) log.info({ component: "jobs", task: "invoicing", period: r.period, created: r.created, existing: r.existing, failed: r.failed.length }, "invoices issued");
    for (const f of r.failed) log.error({ component: "jobs", task: "invoicing", period: r.period, tenant_id: f.tenantId, error: f.error }, "invoicing a tenant failed");
  });
}
