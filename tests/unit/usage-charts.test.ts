import { describe, expect, it } from "vitest";
import { auditMarkers } from "@/components/usage/audit-markers";
import { chartPoints, projectionLine } from "@/components/usage/usage-chart-data";
import { USAGE_CHARTS } from "@/components/usage/usage-chart-specs";
import type { AuditEventItem } from "@/lib/schemas/audit";
import type { ProjectionFit } from "@/lib/schemas/usage";
import { USAGE_DASHBOARD_METERS } from "@/lib/usage/usage-dashboard-data";

const spec = (key: string) => USAGE_CHARTS.find((c) => c.key === key)!;
const bucket = (t: string, sum: number, count = 1, max = sum) => ({ t, sum, count, min: 0, max });

function event(over: Partial<AuditEventItem>): AuditEventItem {
  return {
    id: "evt_1",
    timestamp: "2026-12-03T10:15:00.000Z",
    event_type: "tenant.updated",
    actor: { type: "user", name: "Ada Admin" },
    target: { type: "tenant", id: "ten_1", label: "Acme" },
    changes: {},
    ip_address: null,
    user_agent: null,
    request_id: null,
    tenant_id: "ten_1",
    tenant_name: "Acme",
    ...over,
  };
}

describe("usage chart meters", () => {
  it("are exactly the meters the server loader reads, so no chart waits on a meter it was never sent", () => {
    const charted = new Set(USAGE_CHARTS.flatMap((c) => c.meters));
    expect([...charted].sort()).toEqual([...USAGE_DASHBOARD_METERS].sort());
  });
});

describe("usage chart points", () => {
  it("joins the meters of a chart by bucket, oldest first, and computes each line from them", () => {
    const points = chartPoints(spec("errors"), {
      api_calls: [bucket("2026-12-02", 200), bucket("2026-12-01", 1000)],
      error: [bucket("2026-12-01", 5)],
    });
    expect(points).toEqual([
      { t: Date.UTC(2026, 11, 1), values: { error_rate: 0.5 } },
      // Calls with no error reported: 0 %, not a gap.
      { t: Date.UTC(2026, 11, 2), values: { error_rate: 0 } },
    ]);
  });

  it("gives gauges their bucket's peak, in the chart's unit, and a line its own figure per meter", () => {
    const [storage] = chartPoints(spec("storage"), { storage_bytes: [bucket("2026-12-01T10:00:00.000Z", 3 * 2 ** 30, 12, 2 * 2 ** 30)] });
    expect(storage.values.storage_bytes).toBe(2);
    const [members] = chartPoints(spec("members"), { members: [bucket("2026-12-01", 0, 3, 40)], active_members: [] });
    expect(members.values).toEqual({ members: 40, active_members: null });
    const [rt] = chartPoints(spec("response_time"), { response_time_ms: [bucket("2026-12-01", 600, 4)] });
    expect(rt.values.response_time).toBe(150);
  });

  it("has no points when nothing was reported, so the chart shows its empty state", () => {
    expect(chartPoints(spec("api_calls"), { api_calls: [] })).toEqual([]);
    expect(chartPoints(spec("api_calls"), {})).toEqual([]);
  });
});

describe("projection line", () => {
  const fit = (over: Partial<ProjectionFit>): ProjectionFit => ({ estimate: 10, method: "least_squares_linear", granularity: "day", points: 7, slope_per_day: 2, intercept: 100, r2: 0.9, reason: null, ...over });
  const from = Date.UTC(2026, 11, 1);
  const to = from + 8 * 86_400_000;

  it("continues the fitted line from the last bucket for a quarter of the period", () => {
    const line = projectionLine(fit({}), { from, to }, from + 7 * 86_400_000, "Trend");
    expect(line).toEqual({ label: "Trend", points: [{ t: from + 7 * 86_400_000, value: 114 }, { t: to + 2 * 86_400_000, value: 120 }] });
  });

  it("does not fall below zero, and is absent without a fit, an estimate or a bucket", () => {
    expect(projectionLine(fit({ slope_per_day: -50, intercept: 100 }), { from, to }, from + 7 * 86_400_000, "T")!.points.map((p) => p.value)).toEqual([0, 0]);
    expect(projectionLine(undefined, { from, to }, from, "T")).toBeNull();
    expect(projectionLine(fit({ estimate: null, reason: "Too few points" }), { from, to }, from, "T")).toBeNull();
    expect(projectionLine(fit({}), { from, to }, undefined, "T")).toBeNull();
  });
});

describe("audit events as chart markers", () => {
  it("marks plan changes, limit changes and status changes, naming what changed and who did it", () => {
    const markers = auditMarkers([
      event({ id: "e1", changes: { plan: { before: "basic", after: "professional" }, limits: { before: { users: 10 }, after: { users: 50 } } } }),
      event({ id: "e2", changes: { limits: { before: { users: 50, storage_gb: 10 }, after: { users: 60, storage_gb: 10 } } } }),
      event({ id: "e3", changes: { name: { before: "A", after: "B" } } }),
      event({ id: "e4", event_type: "tenant.suspended" }),
      event({ id: "e5", event_type: "tenant.reactivated" }),
    ]);
    expect(markers.map((m) => [m.id, m.label, m.detail])).toEqual([
      ["e1-plan", "Plan changed", "Basic → Professional by Ada Admin"],
      ["e2-limits", "Limits changed", "Users 50 → 60 by Ada Admin"],
      ["e4", "Suspended", "by Ada Admin"],
      ["e5", "Reactivated", "by Ada Admin"],
    ]);
    expect(markers[0].t).toBe(Date.parse("2026-12-03T10:15:00.000Z"));
  });

  it("says unlimited for a limit removed", () => {
    const [m] = auditMarkers([event({ changes: { limits: { before: { api_calls_per_day: 1000 }, after: { api_calls_per_day: null } } } })]);
    expect(m.detail).toBe("API calls per day 1,000 → unlimited by Ada Admin");
  });
});

describe("usage chart figures", () => {
  it("shows a young tenant's storage in MB rather than 0 GB", () => {
    expect(spec("storage").format(0.5)).toBe("512 MB");
    expect(spec("storage").format(2.25)).toBe("2.25 GB");
    expect(spec("storage").format(0)).toBe("0 GB");
  });
});
