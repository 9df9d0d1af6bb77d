import { beforeAll, describe, expect, it } from "vitest";
import { crossTenantSearch, overviewQuery, RANKINGS, statusQuery, topTenantsQuery, TOP_TENANTS } from "@/app/(console)/analytics/_lib/analytics-params";
import { getCrossTenantAnalytics } from "@/lib/analytics/get-cross-tenant-analytics";
import { ANALYTICS_PERIODS } from "@/lib/schemas/analytics";
import { TENANT_STATUSES } from "@/lib/schemas/tenant";
import { PLANS } from "@/lib/tenants/plans";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { makeTenant, staffCaller, uniq } from "../support/fixtures";

// The console's Analytics page asks the cross-tenant service exactly what its
// API route would be asked (the same query fields, parsed by the same schema):
// every read the page can make is a valid query, and each answers what the page
// draws from it — ranked rows for the top-tenants table, the plan or status split.

const auditor = staffCaller("auditor");

beforeAll(async () => {
  const tenants = [await makeTenant({ plan: "basic" }), await makeTenant({ plan: "enterprise" })];
  const batch = uniq("page");
  await ingestUsageEvents(tenants.map((t, i) => ({ id: `${batch}-${i}`, tenantId: t.id, meter: "api_calls", value: 1000 * (i + 1), timestamp: new Date(Date.now() - 86_400_000) })));
});

describe("the Analytics page's reads", () => {
  for (const period of ANALYTICS_PERIODS) {
    it(`${period}: totals, the plan and status splits`, async () => {
      const overview = await getCrossTenantAnalytics(auditor, crossTenantSearch(overviewQuery(period)));
      expect(overview.period).toBe(period);
      expect(overview.tenants_included).toBeGreaterThanOrEqual(2);
      expect(overview.aggregated_metrics.total_api_calls).toBeGreaterThanOrEqual(3000);
      expect(overview.timeline.length).toBe(Number(period.slice(0, -1)));
      for (const s of overview.segments ?? []) expect(PLANS).toContain(s.key);
      expect((overview.segments ?? []).reduce((n, s) => n + s.tenants, 0)).toBe(overview.tenants_included);

      const byStatus = await getCrossTenantAnalytics(auditor, crossTenantSearch(statusQuery(period)));
      for (const s of byStatus.segments ?? []) expect(TENANT_STATUSES).toContain(s.key);
      expect((byStatus.segments ?? []).reduce((n, s) => n + s.tenants, 0)).toBe(byStatus.tenants_included);
      // Only the one aggregate the status split needs is computed.
      expect(Object.keys(byStatus.aggregated_metrics)).toEqual(["total_users"]);
    });
  }

  for (const r of RANKINGS) {
    it(`top tenants by ${r.label}: at most ${TOP_TENANTS}, in the ranking's order`, async () => {
      const top = await getCrossTenantAnalytics(auditor, crossTenantSearch(topTenantsQuery("30d", r.key)));
      expect(top.tenant_comparison.length).toBeGreaterThan(0);
      expect(top.tenant_comparison.length).toBeLessThanOrEqual(TOP_TENANTS);
      const values = top.tenant_comparison.map((t) => t[r.key]).filter((v): v is number => typeof v === "number");
      expect(values).toEqual([...values].sort((a, b) => (r.order === "asc" ? a - b : b - a)));
    });
  }
});
