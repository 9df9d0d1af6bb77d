import { Gauge, type Registry } from "prom-client";
import { databaseSnapshot, type Count, type DatabaseSnapshot } from "@/lib/observability/metrics/database-snapshot";

/**
 * Gauges read from PostgreSQL at scrape time, through one cached snapshot
 * (database-snapshot.ts). They say the same on every instance: they describe
 * the database, not the process.
 */
export function defineDatabaseGauges(registry: Registry): void {
  const fromSnapshot = (name: string, help: string, labelNames: string[], pick: (s: DatabaseSnapshot) => Count[]) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        // Label sets of the last scrape go: a queue pg-boss dropped is not reported forever.
        this.reset();
        const snapshot = await databaseSnapshot().catch(() => null);
        for (const c of snapshot ? pick(snapshot) : []) this.set(c.labels, c.value);
      },
    });
  fromSnapshot("atrium_tenants", "Tenants by status", ["status"], (s) => s.tenants);
  fromSnapshot("atrium_job_queue_jobs", "pg-boss jobs by queue and state: created and retry are waiting, active are running, failed gave up", ["queue", "state"], (s) => s.jobs);
  fromSnapshot("atrium_mail_outbox_backlog", "Mail not delivered, by status: pending (not tried yet), retrying (failed, will be tried again), failed (gave up)", ["status"], (s) => s.mail);
  fromSnapshot("atrium_webhook_outbox_backlog", "Webhook messages still to deliver, by status (pending, retrying)", ["status"], (s) => s.webhooks);
  new Gauge({
    name: "atrium_metrics_database_up",
    help: "1 when the database gauges of this scrape could be read (snapshot at most 5 s old), 0 when the database did not answer",
    registers: [registry],
    async collect() {
      this.set(await databaseSnapshot().then(
        () => 1,
        () => 0,
      ));
    },
  });
}
