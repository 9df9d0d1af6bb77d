import { describe, expect, it } from "vitest";
import { analyticsParamsToSearch, crossTenantPath, DEFAULT_ANALYTICS_PARAMS, parseAnalyticsParams, statusQuery } from "@/app/(console)/analytics/_lib/analytics-params";
import { sparklineSummary } from "@/components/analytics/sparkline";

const fromSearch = (s: string) => {
  const q = new URLSearchParams(s);
  return parseAnalyticsParams((k) => q.get(k));
};

describe("Analytics page URL state", () => {
  it("defaults leave the URL bare, and every other choice survives a round trip", () => {
    expect(analyticsParamsToSearch(DEFAULT_ANALYTICS_PARAMS)).toBe("");
    const p = { period: "90d", rank: "health_score" } as const;
    expect(fromSearch(analyticsParamsToSearch(p))).toEqual(p);
  });

  it("unknown or hostile values fall back to the defaults", () => {
    expect(fromSearch("?period=1y&rank=drop%20table")).toEqual(DEFAULT_ANALYTICS_PARAMS);
    expect(fromSearch("?period=7d&rank=__proto__")).toEqual({ ...DEFAULT_ANALYTICS_PARAMS, period: "7d" });
  });

  it("a read's list fields are sent comma-separated, as the API parses them", () => {
    expect(crossTenantPath(statusQuery("7d"))).toBe("/api/v1/analytics/cross-tenant?period=7d&segment_by=status&metrics=total_users&page=1&page_size=1");
  });
});

describe("sparkline text alternative", () => {
  it("says the range, where it ended and the direction", () => {
    expect(sparklineSummary("API calls", [10, 2500, 1200])).toBe("API calls over 3 days: from 10 to 1.2K (up), low 10, high 2.5K");
    expect(sparklineSummary("API calls", [5, 5])).toContain("(flat)");
    expect(sparklineSummary("Score", [90, 40], "pts")).toBe("Score over 2 days: from 90 to 40 pts (down), low 40, high 90");
  });

  it("no numbers is said as such, never as a line of zeros", () => {
    expect(sparklineSummary("API calls", [])).toBe("API calls: no usage recorded");
  });
});
