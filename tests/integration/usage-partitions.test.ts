import { describe, expect, it } from "vitest";
import { appPool } from "@/lib/db/pools";
import { env } from "@/lib/env";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { maintainUsageStorage, PARTITIONS_AHEAD_DAYS } from "@/lib/usage/maintain-usage-storage";
import { ownerQuery } from "../support/db";
import { makeTenant } from "../support/fixtures";
import { isolateDatabase } from "../support/isolated-database";

// Drops partitions, a platform-wide act: on a database of its own.
isolateDatabase();

const DAY = 86_400_000;
const partitions = async () =>
  (await ownerQuery<{ name: string }>("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'usage_events'::regclass ORDER BY 1")).map((r) => r.name);
const partitionOf = (t: Date) => `usage_events_p${t.toISOString().slice(0, 10).replaceAll("-", "")}`;

describe("raw usage events are partitioned by day and expire a whole partition at a time", () => {
  it("drops the partitions past the raw retention (their events with them), keeps newer ones and every rollup, and prepares the week ahead", async () => {
    const t = await makeTenant();
    const now = new Date();
    const retention = env.usageRawRetentionDays;
    const old = new Date(now.getTime() - (retention + 3) * DAY);
    const edge = new Date(now.getTime() - (retention - 1) * DAY);
    const recent = new Date(now.getTime() - 2 * DAY);
    // The ingest creates the old day's partition itself (none is kept that far back).
    const r = await ingestUsageEvents([old, edge, recent].map((at, i) => ({ id: `p${i}`, tenantId: t.id, meter: "api_calls", value: 10 * (i + 1), timestamp: at })));
    expect(r.accepted).toBe(3);
    expect(await partitions()).toEqual(expect.arrayContaining([partitionOf(old), partitionOf(edge), partitionOf(recent)]));

    const m = await maintainUsageStorage(now);
    expect(m.droppedPartitions).toContain(partitionOf(old));
    expect(m.droppedPartitions).not.toContain(partitionOf(edge));
    const left = await partitions();
    expect(left).not.toContain(partitionOf(old));
    expect(left).toEqual(expect.arrayContaining([partitionOf(edge), partitionOf(recent), partitionOf(new Date(now.getTime() + PARTITIONS_AHEAD_DAYS * DAY))]));
    // Every remaining partition is inside the retention window.
    const horizon = new Date(now.getTime() - retention * DAY).toISOString().slice(0, 10).replaceAll("-", "");
    for (const p of left) expect(p.slice(-8) >= horizon, p).toBe(true);

    expect((await ownerQuery("SELECT event_id FROM usage_events WHERE tenant_id = $1 ORDER BY 1", [t.id])).map((x) => x.event_id)).toEqual(["p1", "p2"]);
    // The daily rollup keeps the expired day: charts outlive the raw events.
    expect((await ownerQuery<{ sum: number }>("SELECT sum(sum)::float8 AS sum FROM tenant_usage_daily WHERE tenant_id = $1", [t.id]))[0].sum).toBe(60);
    // Ids first seen past the horizon are forgotten; the others still deduplicate.
    await ownerQuery("UPDATE usage_event_keys SET first_seen = $2 WHERE tenant_id = $1 AND event_id = 'p0'", [t.id, old]);
    expect((await maintainUsageStorage(now)).keysPruned).toBe(1);
    expect((await ingestUsageEvents([{ id: "p2", tenantId: t.id, meter: "api_calls", value: 1, timestamp: now }])).duplicates).toBe(1);
    // Running again changes nothing.
    expect(await maintainUsageStorage(now)).toMatchObject({ created: 0, droppedPartitions: [], keysPruned: 0 });
  });

  it("the app role cannot create or drop partitions except through the two functions", async () => {
    const [{ owner }] = await ownerQuery<{ owner: string }>("SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE relname = 'usage_events'");
    expect(owner).not.toBe("atrium_app");
    await expect(appPool().query("CREATE TABLE usage_events_p20990101 PARTITION OF usage_events FOR VALUES FROM ('2099-01-01') TO ('2099-01-02')")).rejects.toThrow(/must be owner|permission denied/);
    await expect(appPool().query("DROP TABLE usage_events_p" + new Date().toISOString().slice(0, 10).replaceAll("-", ""))).rejects.toThrow(/must be owner|permission denied/);
    const [{ rls, forced }] = await ownerQuery<{ rls: boolean; forced: boolean }>("SELECT relrowsecurity AS rls, relforcerowsecurity AS forced FROM pg_class WHERE relname = 'usage_events'");
    expect([rls, forced]).toEqual([true, true]);
    const policies = await ownerQuery<{ policyname: string }>("SELECT policyname FROM pg_policies WHERE tablename = 'usage_events' ORDER BY 1");
    expect(policies.map((p) => p.policyname)).toEqual(["platform_scope", "tenant_isolation"]);
  });
});
