import { beforeAll, describe, expect, it } from "vitest";
import * as eventsRoute from "@/app/api/v1/usage/events/route";
import { systemCaller } from "@/lib/auth/caller";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { ingestUsageEvents, type UsageEventInput } from "@/lib/usage/ingest-usage-events";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

const post = (key: string, body: unknown, host = "localhost:3000") =>
  callRoute(eventsRoute.POST, { method: "POST", path: "/api/v1/usage/events", key, body, headers: { host } });
const tenantKey = (tenantId: string, permissions: string[]) => createTenantApiKey(platformActor(systemCaller("test")), tenantId, { name: uniq("key-"), permissions }).then((r) => r.key);

/** Everything recorded for a tenant, as comparable snapshots of each table. */
async function snapshot(tenantId: string) {
  const q = (sql: string) => ownerQuery(sql, [tenantId]);
  return {
    raw: await q("SELECT event_id, meter, value, occurred_at FROM usage_events WHERE tenant_id = $1 ORDER BY event_id"),
    hourly: await q("SELECT meter, dimension, hour, sum, count::int, min, max FROM usage_rollup_hourly WHERE tenant_id = $1 ORDER BY 1, 2, 3"),
    daily: await q("SELECT meter, dimension, day::text, sum, count::int, min, max FROM tenant_usage_daily WHERE tenant_id = $1 ORDER BY 1, 2, 3"),
    users: await q("SELECT meter, dimension, day::text, user_id FROM usage_daily_users WHERE tenant_id = $1 ORDER BY 1, 2, 3, 4"),
  };
}

let platformKey: string;
beforeAll(async () => {
  platformKey = await makeApiKey(["tenants:read", "tenants:update"]);
});

describe("POST /api/v1/usage/events: deduplication", () => {
  it("10 concurrent identical batches: exactly one accepts every event, the other nine count them all as duplicates", async () => {
    const t = await makeTenant();
    const now = Date.now();
    const events = Array.from({ length: 200 }, (_, i) => ({
      id: `evt-${i}`,
      tenant_id: t.id,
      meter: i % 3 === 0 ? "feature_used" : "api_calls",
      value: 1 + (i % 7),
      timestamp: new Date(now - (i % 50) * 3_600_000).toISOString(),
      properties: i % 3 === 0 ? { feature: `f${i % 4}`, user_id: `u${i % 9}` } : undefined,
    }));
    const results = await Promise.all(Array.from({ length: 10 }, () => post(platformKey, { events })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const counts = results.map((r) => [r.json.data.accepted, r.json.data.duplicates, r.json.data.rejected]).sort((a, b) => b[0] - a[0]);
    expect(counts[0]).toEqual([200, 0, 0]);
    for (const c of counts.slice(1)) expect(c).toEqual([0, 200, 0]);
    const [{ n, total }] = await ownerQuery<{ n: number; total: number }>("SELECT count(*)::int AS n, sum(value)::float8 AS total FROM usage_events WHERE tenant_id = $1", [t.id]);
    expect(n).toBe(200);
    const [{ sum }] = await ownerQuery<{ sum: number }>("SELECT sum(sum)::float8 AS sum FROM tenant_usage_daily WHERE tenant_id = $1", [t.id]);
    expect(sum).toBe(total);
  });

  it("resending a batch with changed timestamps and values changes nothing; a repeat inside one batch is a duplicate", async () => {
    const t = await makeTenant();
    const at = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
    const first = [0, 1, 2].map((i) => ({ id: `e${i}`, tenant_id: t.id, meter: "bandwidth_bytes", value: 100 * (i + 1), timestamp: at(i) }));
    expect((await post(platformKey, { events: [...first, first[0]] })).json.data).toMatchObject({ accepted: 3, duplicates: 1, rejected: 0 });
    const before = await snapshot(t.id);
    const changed = first.map((e, i) => ({ ...e, value: 999, timestamp: at(30 + i * 24) }));
    expect((await post(platformKey, { events: changed })).json.data).toMatchObject({ accepted: 0, duplicates: 3, rejected: 0 });
    expect(await snapshot(t.id)).toEqual(before);
  });
});

describe("rollups are maintained incrementally and equal a recount of the raw events", () => {
  it("after random events in concurrent batches (meters, dimensions, users, hours and days), hourly, daily and distinct users match the raw table", async () => {
    const t = await makeTenant();
    const now = Date.now();
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const meters = ["api_calls", "bandwidth_bytes", "feature_used", "active_user", "response_time_ms", "error"];
    const all: UsageEventInput[] = Array.from({ length: 1500 }, (_, i) => {
      const meter = meters[Math.floor(rand() * meters.length)];
      return {
        // Some ids repeat across batches: duplicates must not count twice.
        id: `r${Math.floor(rand() * 1300)}`,
        tenantId: t.id,
        meter,
        value: Math.round(rand() * 1000) / 10,
        timestamp: new Date(now - Math.floor(rand() * 20 * 86_400_000)),
        properties: meter === "feature_used" ? { feature: `feat${i % 5}`, user_id: `u${Math.floor(rand() * 30)}` } : meter === "active_user" ? { user_id: `u${Math.floor(rand() * 30)}` } : undefined,
      };
    });
    const batches = Array.from({ length: 6 }, (_, b) => all.filter((_, i) => i % 6 === b));
    const results = await Promise.all(batches.map((batch) => ingestUsageEvents(batch)));
    const [{ n }] = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM usage_events WHERE tenant_id = $1", [t.id]);
    expect(results.reduce((s, r) => s + r.accepted, 0)).toBe(n);
    expect(results.reduce((s, r) => s + r.accepted + r.duplicates, 0)).toBe(all.length);
    expect(n).toBe(new Set(all.map((e) => e.id)).size);

    const hourly = await ownerQuery(
      `SELECT meter, dimension, date_trunc('hour', occurred_at, 'UTC') AS hour, sum(value) AS sum, count(*)::int AS count, min(value) AS min, max(value) AS max
       FROM usage_events WHERE tenant_id = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [t.id],
    );
    const daily = await ownerQuery(
      `SELECT meter, dimension, (occurred_at AT TIME ZONE 'UTC')::date::text AS day, sum(value) AS sum, count(*)::int AS count, min(value) AS min, max(value) AS max
       FROM usage_events WHERE tenant_id = $1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [t.id],
    );
    const users = await ownerQuery(
      `SELECT DISTINCT meter, dimension, (occurred_at AT TIME ZONE 'UTC')::date::text AS day, properties->>'user_id' AS user_id
       FROM usage_events WHERE tenant_id = $1 AND meter IN ('active_user', 'feature_used') ORDER BY 1, 2, 3, 4`,
      [t.id],
    );
    const snap = await snapshot(t.id);
    // Sums of floats added in another order differ in the last bits only.
    const round = (rows: Record<string, unknown>[]) => rows.map((r) => ({ ...r, sum: Math.round(Number(r.sum) * 1e6) / 1e6 }));
    expect(round(snap.hourly)).toEqual(round(hourly));
    expect(round(snap.daily)).toEqual(round(daily));
    expect(snap.users).toEqual(users);
    expect(daily.length).toBeGreaterThan(50);
  });
});

describe("POST /api/v1/usage/events: per-event checks", () => {
  it("rejects each bad event with its index and reason and records the others", async () => {
    const t = await makeTenant();
    const now = Date.now();
    const ok = (id: string, extra: object = {}) => ({ id, tenant_id: t.id, meter: "api_calls", value: 5, timestamp: new Date(now - 60_000).toISOString(), ...extra });
    const events = [
      ok("good-1"),
      ok("bad-meter", { meter: "coffee_cups" }),
      ok("negative", { value: -1 }),
      ok("old", { timestamp: new Date(now - 40 * 86_400_000).toISOString() }),
      ok("future", { timestamp: new Date(now + 10 * 60_000).toISOString() }),
      ok("ghost", { tenant_id: "tenant_0000000000000000" }),
      ok("measured", { meter: "storage_bytes" }),
      ok("no-user", { meter: "active_user" }),
      ok("no-feature", { meter: "feature_used", properties: { user_id: "u1" } }),
      { id: "no-tenant", meter: "api_calls", value: 1, timestamp: new Date(now).toISOString() },
      ok("shape", { extra: true }),
      ok("string-value", { value: "12" }),
      ok("good-2", { meter: "feature_used", properties: { feature: "reports", user_id: "u1" } }),
    ];
    const r = await post(platformKey, { events });
    expect(r.status).toBe(200);
    expect(r.json.data).toMatchObject({ accepted: 2, duplicates: 0, rejected: 11 });
    expect(r.json.data.errors.map((e: { index: number; id: string; reason: string }) => [e.index, e.id, e.reason])).toEqual([
      [1, "bad-meter", "unknown_meter"],
      [2, "negative", "invalid_value"],
      [3, "old", "timestamp_too_old"],
      [4, "future", "timestamp_in_future"],
      [5, "ghost", "unknown_tenant"],
      [6, "measured", "measured_meter"],
      [7, "no-user", "missing_property"],
      [8, "no-feature", "missing_property"],
      [9, "no-tenant", "missing_tenant"],
      [10, "shape", "invalid_event"],
      [11, "string-value", "invalid_value"],
    ]);
    expect(r.json.data.errors[9].message).toMatch(/extra/);
    expect((await ownerQuery("SELECT event_id FROM usage_events WHERE tenant_id = $1 ORDER BY 1", [t.id])).map((x) => x.event_id)).toEqual(["good-1", "good-2"]);
  });

  it.each([
    ["no events field", {}, "events"],
    ["an empty batch", { events: [] }, "events"],
    ["1,001 events", { events: Array.from({ length: 1001 }, (_, i) => ({ id: `x${i}` })) }, "events"],
    ["events not a list", { events: "lots" }, "events"],
    ["an unknown field", { events: [{}], extra: 1 }, ""],
  ])("answers 400 naming the field for %s, recording nothing", async (_, body, field) => {
    const r = await post(platformKey, body);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_request");
    if (field) expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});

describe("POST /api/v1/usage/events: who may report", () => {
  it("a tenant key with usage:report reports for its own tenant, tenant_id optional; naming another tenant refuses the whole batch with 403", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const key = await tenantKey(a.id, ["usage:report"]);
    const host = `${a.slug}.localhost:3000`;
    const at = new Date().toISOString();
    const mine = await post(key, { events: [{ id: "k1", meter: "api_calls", value: 3, timestamp: at }, { id: "k2", tenant_id: a.id, meter: "api_calls", value: 4, timestamp: at }] }, host);
    expect(mine.status).toBe(200);
    expect(mine.json.data).toMatchObject({ accepted: 2, rejected: 0 });
    const foreign = await post(key, { events: [{ id: "k3", meter: "api_calls", value: 1, timestamp: at }, { id: "k4", tenant_id: b.id, meter: "api_calls", value: 1, timestamp: at }] }, host);
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.code).toBe("cross_tenant_access_denied");
    expect(await ownerQuery("SELECT event_id FROM usage_events WHERE tenant_id = ANY($1) ORDER BY 1", [[a.id, b.id]])).toEqual([{ event_id: "k1" }, { event_id: "k2" }]);
  });

  it("a key without usage:report (or a platform key without tenants:update) gets 403 before its body is read", async () => {
    const a = await makeTenant();
    const reader = await tenantKey(a.id, ["usage:read"]);
    const r = await callRoute(eventsRoute.POST, { method: "POST", path: "/api/v1/usage/events", key: reader, rawBody: "not json {", headers: { host: `${a.slug}.localhost:3000`, "content-type": "application/json" } });
    expect([r.status, r.json.error.code, r.json.error.details]).toEqual([403, "admin_privileges_required", { permission: "usage:report" }]);
    const auditor = await makeApiKey(["tenants:read"]);
    const p = await post(auditor, { events: "garbage" });
    expect([p.status, p.json.error.code]).toEqual([403, "admin_privileges_required"]);
  });
});
