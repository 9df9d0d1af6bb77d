import PgBoss from "pg-boss";
import { env } from "@/lib/env";
import { runMaintenance } from "@/lib/jobs/run-maintenance";

const QUEUE = "atrium-maintenance";
const globals = globalThis as unknown as { __atriumBoss?: Promise<PgBoss> };

/**
 * Starts the pg-boss worker in this web process. pg-boss keeps its queue in
 * PostgreSQL and hands each job to one instance (SKIP LOCKED), so running
 * several web instances is safe; the cron schedule fires once per minute overall.
 */
export function startJobs(): Promise<PgBoss> {
  globals.__atriumBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: env.databaseUrl, max: 2 });
    boss.on("error", (err) => console.error("[jobs]", err.message));
    await boss.start();
    await boss.createQueue(QUEUE);
    await boss.schedule(QUEUE, "* * * * *");
    await boss.work(QUEUE, async () => {
      const r = await runMaintenance();
      if (r.purged.length || r.rolled_back) console.log(`[jobs] purged ${r.purged.length} tenant(s), rolled back ${r.rolled_back} provisioning(s)`);
      if (r.mail.sent || r.mail.failed) console.log(`[jobs] mail: ${r.mail.sent} sent, ${r.mail.failed} failed`);
      if (r.audit_pruned) console.log(`[jobs] audit log: ${r.audit_pruned} event(s) past retention pruned`);
    });
    return boss;
  })();
  return globals.__atriumBoss;
}
