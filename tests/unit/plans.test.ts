import { describe, expect, it } from "vitest";
import { FEATURES, LIMIT_KEYS, PLAN_DEFINITIONS, PLANS, PLATFORM_MAX_LIMITS } from "@/lib/tenants/plans";
import { limitsAbovePlatformMax } from "@/lib/schemas/tenant";

// Seed 003 "Subscription Tiers" and its "Feature Matrix", in seed 000's feature names.
const MATRIX: Record<string, [basic: boolean, professional: boolean, enterprise: boolean]> = {
  core_analytics: [true, true, true],
  social_collaboration: [true, true, true],
  ai_insights: [false, true, true],
  advanced_analytics: [false, true, true],
  api_access: [false, true, true],
  sso_integration: [false, false, true],
  advanced_reporting: [false, false, true],
  audit_logs: [false, false, true],
  custom_branding: [false, true, true],
  priority_support: [false, true, true],
  sla_guarantee: [false, false, true],
};

describe("plan defaults (seed 003)", () => {
  it("has exactly the three tiers", () => {
    expect([...PLANS]).toEqual(["basic", "professional", "enterprise"]);
  });

  it("basic: 10 users, 5 GB", () => {
    expect(PLAN_DEFINITIONS.basic.limits.users).toBe(10);
    expect(PLAN_DEFINITIONS.basic.limits.storage_gb).toBe(5);
    expect(PLAN_DEFINITIONS.basic.priceMonthly).toBe("$29");
  });

  it("professional: 50 users, 100 GB", () => {
    expect(PLAN_DEFINITIONS.professional.limits.users).toBe(50);
    expect(PLAN_DEFINITIONS.professional.limits.storage_gb).toBe(100);
    expect(PLAN_DEFINITIONS.professional.priceMonthly).toBe("$99");
  });

  it("enterprise: unlimited users, 1 TB (1024 GB)", () => {
    expect(PLAN_DEFINITIONS.enterprise.limits.users).toBeNull();
    expect(PLAN_DEFINITIONS.enterprise.limits.storage_gb).toBe(1024);
  });

  it("API calls per day are the seed's hourly allowance × 24 (1,000 / 5,000 / 25,000 per hour)", () => {
    expect(PLAN_DEFINITIONS.basic.limits.api_calls_per_day).toBe(1_000 * 24);
    expect(PLAN_DEFINITIONS.professional.limits.api_calls_per_day).toBe(5_000 * 24);
    expect(PLAN_DEFINITIONS.enterprise.limits.api_calls_per_day).toBe(25_000 * 24);
  });

  it.each(Object.entries(MATRIX))("feature %s follows the matrix", (feature, [basic, professional, enterprise]) => {
    expect(PLAN_DEFINITIONS.basic.features[feature as keyof typeof PLAN_DEFINITIONS.basic.features]).toBe(basic);
    expect(PLAN_DEFINITIONS.professional.features[feature as keyof typeof PLAN_DEFINITIONS.basic.features]).toBe(professional);
    expect(PLAN_DEFINITIONS.enterprise.features[feature as keyof typeof PLAN_DEFINITIONS.basic.features]).toBe(enterprise);
  });

  it("enterprise has custom integrations (seed 003 tier text); lower tiers do not", () => {
    expect(PLAN_DEFINITIONS.enterprise.features.custom_integrations).toBe(true);
    expect(PLAN_DEFINITIONS.enterprise.limits.custom_integrations).toBeGreaterThan(0);
    expect(PLAN_DEFINITIONS.basic.features.custom_integrations).toBe(false);
    expect(PLAN_DEFINITIONS.professional.features.custom_integrations).toBe(false);
  });

  it("every tier includes everything the tier below has", () => {
    for (const f of FEATURES) {
      if (PLAN_DEFINITIONS.basic.features[f]) expect(PLAN_DEFINITIONS.professional.features[f], f).toBe(true);
      if (PLAN_DEFINITIONS.professional.features[f]) expect(PLAN_DEFINITIONS.enterprise.features[f], f).toBe(true);
    }
  });

  it("defines every limit and every feature for every plan, within the platform maximum", () => {
    for (const plan of PLANS) {
      const def = PLAN_DEFINITIONS[plan];
      expect(Object.keys(def.limits).sort()).toEqual([...LIMIT_KEYS].sort());
      expect(Object.keys(def.features).sort()).toEqual([...FEATURES].sort());
      expect(limitsAbovePlatformMax(def.limits)).toEqual([]);
    }
  });

  it("limitsAbovePlatformMax names each limit over the maximum, and ignores null (unlimited)", () => {
    const over = limitsAbovePlatformMax({ users: PLATFORM_MAX_LIMITS.users + 1, storage_gb: PLATFORM_MAX_LIMITS.storage_gb, bandwidth_gb: null });
    expect(over.map((d) => d.path)).toEqual(["limits.users"]);
    expect(over[0].message).toMatch(/1,000,000/);
  });
});
