import pg from "pg";
import { describe, expect, it } from "vitest";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { systemCaller } from "@/lib/auth/caller";
import { withPlatformSql } from "@/lib/db/sql-scope";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { tenantDbCredentials, tenantDbRoleName } from "@/lib/tenants/tenant-db-role";
import { apiCallMeter } from "@/lib/usage/api-call-meter";
import { readLatestGauges, readUsageByDimension, readUsageSeries } from "@/lib/usage/read-usage";
import { sampleUsageGauges, SAMPLE_SLOT_MS } from "@/lib/usage/sample-usage-gauges";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember } from "../support/tenant-members";

const gauges = async (tenantId: string) => (await withPlatformSql((q) => readLatestGauges(q, [tenantId]))).get(tenantId)!;
const value = (g: Record<string, { value: number }>, meter: string) => g[meter]?.value;

describe("the gauge sampler measures real tenants", () => {
  it("storage grows with rows in the tenant's schema (tables and indexes apart), members and active members come from memberships", async () => {
    const t = await makeTenant();
    const slot = (n: number) => new Date(Math.floor(Date.now() / SAMPLE_SLOT_MS) * SAMPLE_SLOT_MS - n * SAMPLE_SLOT_MS);
    await sampleUsageGauges(slot(3), [t.id]);
    const before = await gauges(t.id);
    expect(value(before, "members")).toBe(1);

    await ownerQuery(`CREATE TABLE "${t.schemaName}".orders (id serial PRIMARY KEY, note text)`);
    await ownerQuery(`INSERT INTO "${t.schemaName}".orders (note) SELECT repeat('x', 200) FROM generate_series(1, 5000)`);
    const active = await addMember(t.id, "member");
    await addMember(t.id, "viewer");
    await ownerQuery("UPDATE memberships SET last_active_at = now() - interval '2 days' WHERE tenant_id = $1 AND user_id = $2", [t.id, active.id]);
    await ownerQuery("UPDATE memberships SET last_active_at = now() - interval '40 days' WHERE tenant_id = $1 AND user_id <> $2", [t.id, active.id]);
    const [{ table_bytes, index_bytes }] = await ownerQuery<{ table_bytes: number; index_bytes: number }>(
      `SELECT sum(pg_table_size(c.oid))::float8 AS table_bytes, sum(pg_indexes_size(c.oid))::float8 AS index_bytes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
      [t.schemaName],
    );

    const r = await sampleUsageGauges(slot(2), [t.id]);
    expect(r).toEqual({ tenants: 1, accepted: 7 });
    const after = await gauges(t.id);
    expect(value(after, "table_bytes")).toBe(table_bytes);
    expect(value(after, "index_bytes")).toBe(index_bytes);
    expect(value(after, "table_bytes")).toBeGreaterThan(value(before, "table_bytes") + 1_000_000);
    expect(value(after, "index_bytes")).toBeGreaterThan(value(before, "index_bytes"));
    expect(value(after, "storage_bytes")).toBe(table_bytes + index_bytes + value(after, "asset_bytes"));
    expect(value(after, "members")).toBe(3);
    expect(value(after, "active_members")).toBe(1);

    // The same slot again is a duplicate; the rollup's max is the peak of the samples.
    expect(await sampleUsageGauges(slot(2), [t.id])).toEqual({ tenants: 1, accepted: 0 });
    const series = await withPlatformSql((q) => readUsageSeries(q, t.id, { meters: ["storage_bytes", "members"], from: slot(3), to: new Date(), granularity: "hour" }));
    const points = series.storage_bytes;
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(2);
    expect(Math.max(...points.map((p) => p.max))).toBe(value(after, "storage_bytes"));
  });

  it("counts the connections open as the tenant's database role", async () => {
    const t = await makeTenant();
    const role = tenantDbRoleName(t.id);
    // The role provisioning created, logged in with its stored password (lib/tenants/tenant-db-role.ts).
    const { user, password } = await tenantDbCredentials(t.id);
    const url = new URL(process.env.DATABASE_URL!);
    url.username = user;
    url.password = password;
    const clients = [new pg.Client({ connectionString: url.toString() }), new pg.Client({ connectionString: url.toString() })];
    for (const c of clients) await c.connect();
    const base = Math.floor(Date.now() / SAMPLE_SLOT_MS) * SAMPLE_SLOT_MS;
    try {
      await sampleUsageGauges(new Date(base - SAMPLE_SLOT_MS), [t.id]);
      expect(value(await gauges(t.id), "db_connections")).toBe(2);
    } finally {
      for (const c of clients) await c.end();
    }
    // pg_stat_activity forgets a backend a moment after it ends.
    for (let i = 0; i < 50; i++) {
      const [{ n }] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1", [role]);
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await sampleUsageGauges(new Date(base), [t.id]);
    expect(value(await gauges(t.id), "db_connections")).toBe(0);
    const [peak] = await ownerQuery<{ max: number }>("SELECT max(max)::float8 AS max FROM usage_rollup_hourly WHERE tenant_id = $1 AND meter = 'db_connections'", [t.id]);
    expect(peak.max).toBe(2);
  });
});

describe("Atrium's own API calls are metered per tenant", () => {
  it("records each call against the tenant it was authorised for, by status class, with its duration, once flushed", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const platform = await makeApiKey(["tenants:read"]);
    const key = await createTenantApiKey(platformActor(systemCaller("test")), a.id, { name: uniq("key-"), permissions: ["members:read"] }).then((r) => r.key);
    const get = (id: string, k: string, host = "localhost:3000") => callRoute(tenantRoute.GET, { key: k, path: `/api/v1/tenants/${id}`, params: { id }, headers: { host } });
    expect((await get(a.id, platform)).status).toBe(200);
    expect((await get(a.id, platform)).status).toBe(200);
    expect((await get("tenant_0000000000000000", platform)).status).toBe(404);
    // A tenant key naming another tenant is refused before that tenant is known: counted against its own.
    expect((await get(b.id, key, `${a.slug}.localhost:3000`)).status).toBe(403);
    // An id PostgreSQL cannot store is a 400 and never reaches the meter (it would sink the whole flush, a's calls with it).
    expect((await get("tenant_\u0000bad", platform)).status).toBe(400);
    await apiCallMeter().flush();
    const from = new Date(Date.now() - 3_600_000);
    const split = await withPlatformSql((q) => readUsageByDimension(q, [a.id, b.id], { meters: ["atrium_api_calls", "atrium_api_duration_ms"], from, to: new Date(Date.now() + 60_000) }));
    expect(split.get(a.id)!.atrium_api_calls).toEqual({ "2xx": expect.objectContaining({ sum: 2 }), "4xx": expect.objectContaining({ sum: 1 }) });
    expect(split.get(a.id)!.atrium_api_duration_ms["2xx"].sum).toBeGreaterThan(0);
    expect(split.get(b.id)).toEqual({});
  });

  it("costs a request one Map update: microseconds per call, not a database write", async () => {
    const meter = new (apiCallMeter().constructor as new () => ReturnType<typeof apiCallMeter>)();
    const started = performance.now();
    const n = 200_000;
    for (let i = 0; i < n; i++) meter.record(`tenant_${i % 1000}`, i % 10 === 0 ? 404 : 200, 3.2);
    const perCallNs = ((performance.now() - started) * 1e6) / n;
    expect(perCallNs).toBeLessThan(10_000);
    await meter.flush(); // those tenants do not exist: nothing is written
  });
});
