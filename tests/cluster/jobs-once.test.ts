// pg-boss hands each job to one worker: with both instances' workers running, a tenant
// due for purge is purged once, however many maintenance runs are woken at the same moment.
import { readFileSync } from "node:fs";
import pg from "pg";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, createTenant, platformKey, targets } from "./support/api";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";

/** The queue lib/jobs/start-jobs.ts schedules every minute: purges, provisioning roll-backs, mail, audit retention. */
const MAINTENANCE_QUEUE = "atrium-maintenance";

let cluster: TwoInstances;
let db: pg.Client;
let boss: PgBoss;
beforeAll(async () => {
  cluster = await startTwoInstances();
  db = new pg.Client({ connectionString: inject("databaseUrl") });
  await db.connect();
  // A client only: sends jobs, runs no maintenance or cron of its own.
  boss = new PgBoss({ connectionString: inject("databaseUrl"), supervise: false, schedule: false, migrate: false, max: 2 });
  await boss.start();
});
afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
  await db?.end();
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** This run's part of an instance's log (the file is appended to across runs). */
const currentLog = (file: string) => readFileSync(file, "utf8").split(/^--- .* started /m).at(-1)!;

describe("jobs across instances", () => {
  it("a tenant due for purge is purged exactly once while both instances' workers run", async () => {
    const to = targets(cluster);
    const key = await platformKey("purge");
    const created = await createTenant(to.a, { host: cluster.rootDomain, key });
    expect(created.status).toBe(201);
    const tenant = created.data.tenant as { id: string; schema_name: string };
    const deleted = await api(to.b, { host: cluster.rootDomain, method: "DELETE", path: `/api/v1/tenants/${tenant.id}?confirmation=DELETE_PERMANENTLY`, key });
    expect(deleted.status).toBe(200);
    // The grace period (7 days) is over: as if a week had passed.
    await db.query("UPDATE tenants SET final_deletion_date = now() - interval '1 minute' WHERE id = $1", [tenant.id]);

    // Eight maintenance runs at once rather than the minute's one: both workers take some.
    const jobIds = await Promise.all(Array.from({ length: 8 }, () => boss.send(MAINTENANCE_QUEUE, {})));
    expect(jobIds.every(Boolean)).toBe(true);
    const deadline = Date.now() + 60_000;
    let states: string[] = [];
    while (Date.now() < deadline) {
      const { rows } = await db.query<{ state: string }>("SELECT state FROM pgboss.job WHERE name = $1 AND id = ANY($2::uuid[])", [MAINTENANCE_QUEUE, jobIds]);
      states = rows.map((r) => r.state);
      if (states.length === jobIds.length && states.every((s) => s === "completed" || s === "failed")) break;
      await sleep(250);
    }
    expect(states.sort()).toEqual(Array(jobIds.length).fill("completed"));

    const { rows: tenantRows } = await db.query("SELECT 1 FROM tenants WHERE id = $1", [tenant.id]);
    expect(tenantRows).toHaveLength(0);
    const { rows: schemas } = await db.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [tenant.schema_name]);
    expect(schemas).toHaveLength(0);
    // Once: one tenant.purged event, and one worker said it purged a tenant.
    const { rows: events } = await db.query("SELECT id FROM audit_events WHERE action = 'tenant.purged' AND target_id = $1", [tenant.id]);
    expect(events).toHaveLength(1);
    const purgeLines = [cluster.a, cluster.b].flatMap((i) =>
      currentLog(i.logFile)
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { component?: string; task?: string; instance?: string; purged?: number; rolled_back?: number })
        .filter((l) => l.component === "jobs" && l.task === "purge"),
    );
    expect(purgeLines).toEqual([expect.objectContaining({ instance: expect.stringMatching(/^(a|b)$/), purged: 1, rolled_back: 0 })]);
  });
});
