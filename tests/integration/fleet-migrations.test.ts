import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as runRoute from "@/app/api/v1/tenants/migrate/[run_id]/route";
import * as fleetRoute from "@/app/api/v1/tenants/migrate/route";
import { systemCaller } from "@/lib/auth/caller";
import { fleetMigrateSchema, type FleetMigrateInput } from "@/lib/schemas/tenant-migrations";
import { startFleetMigrationJobs } from "@/lib/tenant-migrations/fleet-jobs";
import { TENANT_MIGRATIONS_DIR } from "@/lib/tenant-migrations/migration-files";
import { processFleetRun, resumeFleetRuns } from "@/lib/tenant-migrations/process-fleet-run";
import { etaSeconds, getFleetMigration } from "@/lib/tenant-migrations/read-fleet-runs";
import { startFleetMigration } from "@/lib/tenant-migrations/start-fleet-migration";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";

const admin = systemCaller("test");
const WIDGETS = "29990102000100";
let tmp: string;
let dir: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "atrium-fleet-"));
  dir = path.join(tmp, "fleet");
  await cp(TENANT_MIGRATIONS_DIR, dir, { recursive: true });
  await mkdir(path.join(dir, `${WIDGETS}_add_widgets`));
  // The sleep makes each tenant take long enough for the parallel ones to overlap measurably.
  await writeFile(path.join(dir, `${WIDGETS}_add_widgets`, "migration.sql"), "SELECT pg_sleep(0.15);\nCREATE TABLE widgets (id int PRIMARY KEY);");
  await writeFile(path.join(dir, `${WIDGETS}_add_widgets`, "down.sql"), "DROP TABLE widgets;");
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

type T = Awaited<ReturnType<typeof makeTenant>>;
const tenants = (n: number) => Promise.all(Array.from({ length: n }, () => makeTenant()));
/** A tenant whose schema already has a `widgets` table: the fleet's migration fails there. */
const breakTenant = (t: T) => ownerQuery(`CREATE TABLE "${t.schemaName}".widgets (note text); INSERT INTO "${t.schemaName}".widgets VALUES ('mine')`);
const hasWidgets = async (t: T) => (await ownerQuery(`SELECT 1 FROM "${t.schemaName}".schema_migrations WHERE version = $1`, [WIDGETS])).length === 1;
const input = (v: Partial<FleetMigrateInput>) => fleetMigrateSchema.parse(v);
const stateOf = (run: Awaited<ReturnType<typeof getFleetMigration>>, t: T) => run.items.find((i) => i.tenant_id === t.id)!.state;
const actions = async (t: T) => (await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE tenant_id = $1 AND action LIKE 'schema.migration.%' ORDER BY seq", [t.id])).map((r) => r.action);

/** The most items whose [started, finished] overlap at one moment. */
function maxOverlap(items: { started_at: string | null; finished_at: string | null }[]) {
  const edges = items.flatMap((i) => [
    [Date.parse(i.started_at!), 1],
    [Date.parse(i.finished_at!), -1],
  ]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of edges) max = Math.max(max, (now += d));
  return max;
}

describe("fleet migrations", () => {
  it("5 tenants, one with a conflicting table: that one fails and is rolled back, the others succeed, at most `concurrency` at a time; events per tenant", async () => {
    const ts = await tenants(5);
    await breakTenant(ts[2]);
    const started = await startFleetMigration(admin, input({ tenant_ids: ts.map((t) => t.id), concurrency: 2 }));
    expect(started).toMatchObject({ state: "queued", counts: { total: 5, pending: 5 }, percentage: 0, eta_seconds: null });
    expect(started.items.map((i) => i.tenant_id)).toEqual(ts.map((t) => t.id));
    await processFleetRun(started.run_id, { dir });
    const run = await getFleetMigration(admin, started.run_id);
    expect(run).toMatchObject({ state: "failed", counts: { total: 5, pending: 0, running: 0, succeeded: 4, failed: 1, skipped: 0 }, percentage: 100, eta_seconds: 0 });
    const broken = run.items.find((i) => i.tenant_id === ts[2].id)!;
    expect(broken.state).toBe("failed");
    expect(broken.error).toMatch(/relation "widgets" already exists/);
    expect(await hasWidgets(ts[2])).toBe(false);
    expect(await ownerQuery(`SELECT note FROM "${ts[2].schemaName}".widgets`)).toEqual([{ note: "mine" }]);
    for (const t of [ts[0], ts[1], ts[3], ts[4]]) {
      expect(await hasWidgets(t)).toBe(true);
      expect(await actions(t)).toEqual(["schema.migration.started", "schema.migration.completed"]);
    }
    expect(await actions(ts[2])).toEqual(["schema.migration.started", "schema.migration.failed"]);
    const overlap = maxOverlap(run.items);
    expect(overlap).toBeLessThanOrEqual(2);
    expect(overlap).toBe(2);
    expect(run.items.every((i) => i.attempts === 1 && i.duration_ms! >= 150)).toBe(true);
  });

  it("canary_count: the canaries run first; one fails, so the run stops and every other tenant is skipped untouched", async () => {
    const ts = await tenants(5);
    await breakTenant(ts[1]);
    const { run_id } = await startFleetMigration(admin, input({ tenant_ids: ts.map((t) => t.id), concurrency: 4, canary_count: 2 }));
    await processFleetRun(run_id, { dir });
    const run = await getFleetMigration(admin, run_id);
    expect(run.state).toBe("stopped");
    expect(run.stop_reason).toMatch(/canary/);
    expect(run.items.map((i) => [i.canary, i.state])).toEqual([
      [true, "succeeded"],
      [true, "failed"],
      [false, "skipped"],
      [false, "skipped"],
      [false, "skipped"],
    ]);
    for (const t of ts.slice(2)) expect(await hasWidgets(t)).toBe(false);
    // Canaries that pass let the rest go on.
    const ok = await tenants(3);
    const second = await startFleetMigration(admin, input({ tenant_ids: ok.map((t) => t.id), canary_count: 1 }));
    await processFleetRun(second.run_id, { dir });
    const done = await getFleetMigration(admin, second.run_id);
    expect(done.state).toBe("succeeded");
    // No tenant started before the canary finished.
    const canary = done.items[0];
    for (const i of done.items.slice(1)) expect(Date.parse(i.started_at!)).toBeGreaterThanOrEqual(Date.parse(canary.finished_at!));
  });

  it("force: a tenant whose last attempt failed is refused by the next run until force, which re-runs it once the cause is fixed", async () => {
    const ts = await tenants(2);
    await breakTenant(ts[1]);
    const first = await startFleetMigration(admin, input({ tenant_ids: ts.map((t) => t.id), concurrency: 2 }));
    await processFleetRun(first.run_id, { dir });
    expect(stateOf(await getFleetMigration(admin, first.run_id), ts[1])).toBe("failed");
    await ownerQuery(`DROP TABLE "${ts[1].schemaName}".widgets`);

    const again = await startFleetMigration(admin, input({ tenant_ids: [ts[1].id] }));
    await processFleetRun(again.run_id, { dir });
    const refused = (await getFleetMigration(admin, again.run_id)).items[0];
    expect(refused.state).toBe("failed");
    expect(refused.error).toMatch(/failed on its last attempt/);
    expect(await hasWidgets(ts[1])).toBe(false);

    const forced = await startFleetMigration(admin, input({ tenant_ids: [ts[1].id], force: true }));
    await processFleetRun(forced.run_id, { dir });
    expect((await getFleetMigration(admin, forced.run_id)).state).toBe("succeeded");
    expect(await hasWidgets(ts[1])).toBe(true);
  });

  it("stop_after_failures: once that many tenants failed, the rest are skipped", async () => {
    const ts = await tenants(4);
    await breakTenant(ts[1]);
    const { run_id } = await startFleetMigration(admin, input({ tenant_ids: ts.map((t) => t.id), concurrency: 1, stop_after_failures: 1 }));
    await processFleetRun(run_id, { dir });
    const run = await getFleetMigration(admin, run_id);
    expect(run.state).toBe("stopped");
    expect(run.stop_reason).toMatch(/stop_after_failures 1/);
    expect(run.items.map((i) => i.state)).toEqual(["succeeded", "failed", "skipped", "skipped"]);
    expect(await hasWidgets(ts[3])).toBe(false);
  });

  it("resumes after a crash: an item left running by a dead worker (lease expired) is taken again; one still leased by a live worker is not", async () => {
    const ts = await tenants(3);
    const { run_id } = await startFleetMigration(admin, input({ tenant_ids: ts.map((t) => t.id), concurrency: 2 }));
    // As a worker that died after claiming two items would leave them: one lease long gone, one still current.
    await ownerQuery("UPDATE tenant_migration_runs SET state = 'running', started_at = now() WHERE id = $1", [run_id]);
    await ownerQuery("UPDATE tenant_migration_run_items SET state = 'running', attempts = 1, started_at = now(), lease_until = now() - interval '1 minute' WHERE run_id = $1 AND tenant_id = $2", [run_id, ts[0].id]);
    await ownerQuery("UPDATE tenant_migration_run_items SET state = 'running', attempts = 1, started_at = now(), lease_until = now() + interval '1 hour' WHERE run_id = $1 AND tenant_id = $2", [run_id, ts[1].id]);
    await processFleetRun(run_id, { dir });
    let run = await getFleetMigration(admin, run_id);
    expect(run.state).toBe("running");
    expect([stateOf(run, ts[0]), stateOf(run, ts[1]), stateOf(run, ts[2])]).toEqual(["succeeded", "running", "succeeded"]);
    expect(run.items[0].attempts).toBe(2);
    expect(await hasWidgets(ts[1])).toBe(false);
    // That worker is gone too: once its lease runs out, the job's sweep finishes the run.
    await ownerQuery("UPDATE tenant_migration_run_items SET lease_until = now() - interval '1 second' WHERE run_id = $1 AND tenant_id = $2", [run_id, ts[1].id]);
    expect(await resumeFleetRuns({ dir })).toBeGreaterThanOrEqual(1);
    run = await getFleetMigration(admin, run_id);
    expect(run.state).toBe("succeeded");
    expect(run.items.map((i) => i.attempts)).toEqual([2, 2, 1]);
    for (const t of ts) expect(await hasWidgets(t)).toBe(true);
  });

  it("two processes working one run never exceed its concurrency together", async () => {
    const ts = await tenants(6);
    const { run_id } = await startFleetMigration(admin, input({ tenant_ids: ts.map((t) => t.id), concurrency: 2 }));
    await Promise.all([processFleetRun(run_id, { dir, pollMs: 20 }), processFleetRun(run_id, { dir, pollMs: 20 })]);
    const run = await getFleetMigration(admin, run_id);
    expect(run.state).toBe("succeeded");
    expect(run.items.every((i) => i.attempts === 1)).toBe(true);
    expect(maxOverlap(run.items)).toBeLessThanOrEqual(2);
  });

  it("dry run: each tenant's pending migrations are listed, nothing runs, nothing is published", async () => {
    const ts = await tenants(2);
    const { run_id } = await startFleetMigration(admin, input({ tenant_ids: ts.map((t) => t.id), dry_run: true }));
    await processFleetRun(run_id, { dir });
    const run = await getFleetMigration(admin, run_id);
    expect(run.state).toBe("succeeded");
    expect(run.items.map((i) => i.migrations)).toEqual([[WIDGETS], [WIDGETS]]);
    for (const t of ts) {
      expect(await hasWidgets(t)).toBe(false);
      expect(await actions(t)).toEqual([]);
    }
  });

  it("the ETA is the mean finished duration × what is left ÷ concurrency", () => {
    expect(etaSeconds({ total: 10, pending: 6, running: 2, succeeded: 2, failed: 0, skipped: 0, mean_ms: 1500 }, 4, false)).toBe(3);
    expect(etaSeconds({ total: 10, pending: 10, running: 0, succeeded: 0, failed: 0, skipped: 0, mean_ms: null }, 4, false)).toBeNull();
  });
});

describe("the fleet API", () => {
  let key: string;
  beforeAll(async () => {
    key = await makeApiKey();
  });
  const start = (body: unknown, k = key) => callRoute(fleetRoute.POST, { method: "POST", key: k, path: "/api/v1/tenants/migrate", body });

  it("POST answers 202 with the run; GET …/{run_id} follows it; GET lists it", async () => {
    const ts = await tenants(2);
    const r = await start({ tenant_ids: ts.map((t) => t.id), dry_run: true, concurrency: 3 });
    expect(r.status).toBe(202);
    expect(r.json.data).toMatchObject({ state: "queued", concurrency: 3, dry_run: true, counts: { total: 2 } });
    const runId = r.json.data.run_id;
    await processFleetRun(runId, { dir });
    const got = await callRoute(runRoute.GET, { key, path: `/api/v1/tenants/migrate/${runId}?item_state=succeeded`, params: { run_id: runId } });
    expect(got.status).toBe(200);
    expect(got.json.data).toMatchObject({ run_id: runId, state: "succeeded", percentage: 100 });
    expect(got.json.data.items).toHaveLength(2);
    const list = await callRoute(fleetRoute.GET, { key, path: "/api/v1/tenants/migrate?limit=100" });
    expect(list.status).toBe(200);
    expect(list.json.data.runs.map((x: { run_id: string }) => x.run_id)).toContain(runId);
    expect((await callRoute(runRoute.GET, { key, path: "/api/v1/tenants/migrate/mig_0000000000000000", params: { run_id: "mig_0000000000000000" } })).status).toBe(404);
  });

  it("bad input: 400 naming the field, and no run is recorded", async () => {
    const [t] = await tenants(1);
    await ownerQuery("UPDATE tenants SET status = 'suspended' WHERE id = $1", [t.id]);
    const before = await ownerQuery("SELECT count(*)::int AS n FROM tenant_migration_runs");
    for (const [body, field] of [
      [{ concurrency: 17 }, "concurrency"],
      [{ concurrency: 0 }, "concurrency"],
      [{ tenant_ids: [] }, "tenant_ids"],
      [{ tenant_ids: ["tenant_0000000000000000"] }, "tenant_ids.0"],
      [{ tenant_ids: [t.id] }, "tenant_ids.0"],
      [{ tenant_ids: [t.id], plan: "basic" }, "plan"],
      [{ direction: "down" }, "version"],
      [{ canary_count: -1 }, "canary_count"],
      [{ stop_after_failures: 0 }, "stop_after_failures"],
    ] as const) {
      const r = await start(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(field);
    }
    expect(await ownerQuery("SELECT count(*)::int AS n FROM tenant_migration_runs")).toEqual(before);
  });

  it("20 parallel starts over the same tenants: all 202, and worked at once every run succeeds with each tenant migrated once", async () => {
    const ts = await tenants(2);
    const k = await makeApiKey();
    const rs = await Promise.all(Array.from({ length: 20 }, () => start({ tenant_ids: ts.map((t) => t.id), concurrency: 2 }, k)));
    expect(rs.map((r) => r.status)).toEqual(Array(20).fill(202));
    const ids = rs.map((r) => r.json.data.run_id as string);
    await Promise.all(ids.map((id) => processFleetRun(id, { dir })));
    const runs = await Promise.all(ids.map((id) => getFleetMigration(admin, id)));
    expect(runs.map((r) => r.state)).toEqual(Array(20).fill("succeeded"));
    // The advisory lock per tenant: one run applied it, the other 19 found it done.
    expect(runs.flatMap((r) => r.items.flatMap((i) => i.migrations))).toEqual([WIDGETS, WIDGETS]);
    for (const t of ts) expect(await hasWidgets(t)).toBe(true);
  });

  it("needs data:migrate: a key without it gets 403 and nothing is recorded", async () => {
    const r = await start({ concurrency: 99 }, await makeApiKey(["tenants:read", "tenants:update"]));
    expect(r.status).toBe(403);
  });
});

describe("the fleet migration job", () => {
  it("a real pg-boss worker picks a started run up at once and works it to the end (the project's own migrations: nothing pending)", async () => {
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, max: 2 });
    await boss.start();
    const globals = globalThis as unknown as { __atriumBoss?: Promise<PgBoss> };
    globals.__atriumBoss = Promise.resolve(boss);
    try {
      // No minute schedule here: only the run this test sends is worked (other files' runs are theirs to process).
      await startFleetMigrationJobs(boss, { schedule: false });
      const ts = await tenants(2);
      const started = await startFleetMigration(admin, input({ tenant_ids: ts.map((t) => t.id) }));
      let run = started;
      for (let i = 0; i < 100 && run.state !== "succeeded" && run.state !== "failed"; i++) {
        await new Promise((r) => setTimeout(r, 200));
        run = await getFleetMigration(admin, started.run_id);
      }
      expect(run).toMatchObject({ state: "succeeded", counts: { total: 2, succeeded: 2 } });
      expect(run.items.map((i) => i.migrations)).toEqual([[], []]);
      for (const t of ts) expect(await actions(t)).toEqual(["schema.migration.started", "schema.migration.completed"]);
    } finally {
      globals.__atriumBoss = undefined;
      await boss.stop({ graceful: true, wait: true });
    }
  });
});
