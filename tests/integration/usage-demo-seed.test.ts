import { describe, expect, it } from "vitest";
import { withPlatformSql } from "@/lib/db/sql-scope";
import { seedDemoUsage } from "@/lib/seed/seed-demo-usage";
import { getUsageHistory } from "@/lib/tenants/get-usage-history";
import { readDistinctUsers, readUsageSeries } from "@/lib/usage/read-usage";
import { makeTenant, staffCaller } from "../support/fixtures";

describe("the demo seed's usage", () => {
  it("writes 90 days through the ingest: growth, weekday rhythm, a feature launched mid-way, and idempotently", async () => {
    const t = await makeTenant();
    // Noon today (UTC), so today's buckets hold data whenever the test runs.
    const now = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 12 * 3_600_000);
    const accepted = await seedDemoUsage(t.id, { slug: t.slug, size: 1, members: 5, seed: 7 }, now);
    expect(accepted).toBeGreaterThan(10_000);
    expect(await seedDemoUsage(t.id, { slug: t.slug, size: 1, members: 5, seed: 7 }, now)).toBe(0);

    const from = new Date(now.getTime() - 89 * 86_400_000);
    const s = await withPlatformSql((q) => readUsageSeries(q, t.id, { meters: ["api_calls", "error", "storage_bytes"], from, to: now, granularity: "day" }));
    expect(s.api_calls).toHaveLength(90);
    const calls = s.api_calls.map((p) => p.sum);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(calls.slice(-30))).toBeGreaterThan(1.3 * mean(calls.slice(0, 30)));
    const weekend = s.api_calls.filter((p) => [0, 6].includes(new Date(`${p.t}T00:00:00Z`).getUTCDay())).map((p) => p.sum);
    const weekday = s.api_calls.filter((p) => ![0, 6].includes(new Date(`${p.t}T00:00:00Z`).getUTCDay())).map((p) => p.sum);
    expect(mean(weekend)).toBeLessThan(0.75 * mean(weekday));
    expect(s.error.length).toBeGreaterThan(60);
    expect(s.storage_bytes.at(-1)!.max).toBeGreaterThan(s.storage_bytes[0].max);

    const early = await withPlatformSql((q) => readDistinctUsers(q, [t.id], { meter: "feature_used", from, to: new Date(from.getTime() + 25 * 86_400_000) }));
    const late = await withPlatformSql((q) => readDistinctUsers(q, [t.id], { meter: "feature_used", from: new Date(now.getTime() - 20 * 86_400_000), to: now }));
    expect(early.get(t.id)!.integrations).toBeUndefined();
    expect(late.get(t.id)!.integrations).toBeGreaterThan(0);
    expect(late.get(t.id)!.dashboards).toBeGreaterThan(late.get(t.id)!.sso ?? 0);

    // The console's usage history reads the same rollup.
    const history = await getUsageHistory(staffCaller("auditor"), t.id, 90, now);
    expect(history).toHaveLength(90);
    expect(history.at(-1)!.users).toBe(5);
  }, 120_000);
});
