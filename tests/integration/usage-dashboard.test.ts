import { describe, expect, it } from "vitest";
import { createRole } from "@/lib/roles/create-role";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { PLAN_DEFINITIONS } from "@/lib/tenants/plans";
import { updateTenant } from "@/lib/tenants/update-tenant";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { loadLimitsUsage } from "@/lib/usage/load-limits-usage";
import { loadUsageDashboard } from "@/lib/usage/load-usage-dashboard";
import { makeTenant, staffCaller, uniq } from "../support/fixtures";
import { addMember, codeOf, memberActor, ownerOf } from "../support/tenant-members";

// What the usage charts (console Usage tab, portal Usage page) and the Limits
// tab are drawn from, read through the real services on real PostgreSQL:
// reported events as rollup buckets, the limits and fits of the usage API,
// the thresholds, and the audit events that become markers.

const DAY = 86_400_000;

async function tenantWithWeekOfCalls() {
  const t = await makeTenant({ plan: "basic" });
  const now = Date.now();
  const events = Array.from({ length: 7 }, (_, i) => ({ id: uniq("ev"), tenantId: t.id, meter: "api_calls", value: 100 * (i + 1), timestamp: new Date(now - (6 - i) * DAY - 60_000) }));
  await ingestUsageEvents(events);
  return { t, total: events.reduce((s, e) => s + e.value, 0) };
}

describe("usage dashboard data", () => {
  it("gives staff the period's daily buckets, the usage API's limits and fit, the thresholds, and a plan change to mark", async () => {
    const { t, total } = await tenantWithWeekOfCalls();
    const staff = staffCaller("operator");
    await updateTenant(staff, t.id, { plan: "professional" });

    const d = await loadUsageDashboard(platformActor(staff), t.id, "7d");
    expect(d.granularity).toBe("day");
    const calls = d.series.api_calls;
    expect(calls.reduce((s, b) => s + b.sum, 0)).toBe(total);
    expect(calls.every((b) => /^\d{4}-\d\d-\d\d$/.test(b.t))).toBe(true);
    expect(d.series.storage_bytes).toEqual(expect.any(Array));
    // The plan change reset the limits to the professional plan's: the charts' limit lines follow.
    expect(d.usage.limits.api_calls_daily.limit).toBe(PLAN_DEFINITIONS.professional.limits.api_calls_per_day);
    expect(d.usage.projections?.fits.api_calls.method).toBe("least_squares_linear");
    expect(d.thresholds).toMatchObject({ warning_percent: 80, critical_percent: 95, exceeded_percent: 100, customised: false });
    const planChange = d.events?.find((e) => e.event_type === "tenant.updated" && e.changes.plan);
    expect(planChange?.changes.plan).toEqual({ before: "basic", after: "professional" });

    const hourly = await loadUsageDashboard(platformActor(staff), t.id, "24h");
    expect(hourly.granularity).toBe("hour");
    expect(hourly.series.api_calls.every((b) => new Date(b.t).getTime() >= Date.parse(hourly.from) - 3_600_000)).toBe(true);
  });

  it("gives a member with usage:read but no audit:read the charts without markers", async () => {
    const { t } = await tenantWithWeekOfCalls();
    const viewer = await addMember(t.id, "viewer");
    const d = await loadUsageDashboard(memberActor(t.id, viewer.id), t.id, "30d");
    expect(d.series.api_calls.length).toBeGreaterThan(0);
    expect(d.events).toBeNull();
  });

  it("refuses a member whose role lacks usage:read, and another tenant's member, before reading anything", async () => {
    const { t } = await tenantWithWeekOfCalls();
    const owner = memberActor(t.id, await ownerOf(t.id));
    const { role } = await createRole(owner, t.id, { name: uniq("No usage "), permissions: ["members:read"] });
    const member = await addMember(t.id, role.id);
    expect(await codeOf(loadUsageDashboard(memberActor(t.id, member.id), t.id, "7d"))).toBe("admin_privileges_required");
    expect(await codeOf(loadLimitsUsage(memberActor(t.id, member.id), t.id))).toBe("admin_privileges_required");

    const other = await makeTenant();
    const stranger = await addMember(other.id, "owner");
    expect(await codeOf(loadUsageDashboard(memberActor(other.id, stranger.id), t.id, "7d"))).toBe("cross_tenant_access_denied");
  });

  it("gives the Limits tab today's usage against each limit and the thresholds", async () => {
    const { t } = await tenantWithWeekOfCalls();
    const l = await loadLimitsUsage(platformActor(staffCaller("auditor")), t.id);
    expect(l.limits.api_calls_daily).toMatchObject({ current: 700 });
    expect(l.limits.users.current).toBeGreaterThanOrEqual(1);
    expect(l.thresholds.effective.storage_quota).toEqual({ warning_percent: 80, critical_percent: 95, exceeded_percent: 100 });
  });
});
