// Plans and the feature matrix of seed 003, in seed 000's vocabulary.

export const PLANS = ["basic", "professional", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export const FEATURES = [
  "core_analytics",
  "social_collaboration",
  "ai_insights",
  "advanced_analytics",
  "api_access",
  "sso_integration",
  "advanced_reporting",
  "audit_logs",
  "custom_branding",
  "priority_support",
  "sla_guarantee",
  "gdpr_compliance",
  "custom_domains",
  "custom_integrations",
] as const;
export type Feature = (typeof FEATURES)[number];
export type Features = Record<Feature, boolean>;

export const FEATURE_LABELS: Record<Feature, string> = {
  core_analytics: "Core analytics",
  social_collaboration: "Social collaboration",
  ai_insights: "AI insights",
  advanced_analytics: "Advanced analytics",
  api_access: "API access",
  sso_integration: "Single sign-on",
  advanced_reporting: "Advanced reporting",
  audit_logs: "Audit logs",
  custom_branding: "Custom branding",
  priority_support: "Priority support",
  sla_guarantee: "SLA guarantee",
  gdpr_compliance: "GDPR compliance",
  custom_domains: "Custom domains",
  custom_integrations: "Custom integrations",
};

/** Days of audit log each plan keeps (`null`: unlimited); AUDIT_RETENTION_DAYS_<PLAN> overrides (lib/audit/retention.ts). */
export const AUDIT_RETENTION_DAYS: Record<Plan, number | null> = { basic: 30, professional: 365, enterprise: null };

/** `null` means unlimited. */
export type Limits = {
  users: number | null;
  storage_gb: number | null;
  api_calls_per_day: number | null;
  custom_integrations: number | null;
  database_connections: number | null;
  bandwidth_gb: number | null;
};
export const LIMIT_KEYS = ["users", "storage_gb", "api_calls_per_day", "custom_integrations", "database_connections", "bandwidth_gb"] as const;
export const LIMIT_LABELS: Record<keyof Limits, string> = {
  users: "Users",
  storage_gb: "Storage (GB)",
  api_calls_per_day: "API calls per day",
  custom_integrations: "Custom integrations",
  database_connections: "Database connections",
  bandwidth_gb: "Bandwidth per month (GB)",
};

/** The most any tenant may be given; above this is `limits_exceeded`. */
export const PLATFORM_MAX_LIMITS: Record<keyof Limits, number> = {
  users: 1_000_000,
  storage_gb: 100_000,
  api_calls_per_day: 100_000_000,
  custom_integrations: 1_000,
  database_connections: 500,
  bandwidth_gb: 1_000_000,
};

const on = (list: Feature[]): Features => Object.fromEntries(FEATURES.map((f) => [f, list.includes(f)])) as Features;
const BASIC: Feature[] = ["core_analytics", "social_collaboration", "gdpr_compliance"];
const PROFESSIONAL: Feature[] = [...BASIC, "ai_insights", "advanced_analytics", "api_access", "custom_branding", "priority_support", "custom_domains"];
const ENTERPRISE: Feature[] = [...PROFESSIONAL, "sso_integration", "advanced_reporting", "audit_logs", "sla_guarantee", "custom_integrations"];

export type PlanDefinition = { label: string; priceMonthly: string; limits: Limits; features: Features };

// Seed 003 gives API calls per hour (1,000 / 5,000 / 25,000); seed 000 counts per day.
export const PLAN_DEFINITIONS: Record<Plan, PlanDefinition> = {
  basic: {
    label: "Basic",
    priceMonthly: "$29",
    limits: { users: 10, storage_gb: 5, api_calls_per_day: 24_000, custom_integrations: 0, database_connections: 10, bandwidth_gb: 50 },
    features: on(BASIC),
  },
  professional: {
    label: "Professional",
    priceMonthly: "$99",
    limits: { users: 50, storage_gb: 100, api_calls_per_day: 120_000, custom_integrations: 0, database_connections: 25, bandwidth_gb: 500 },
    features: on(PROFESSIONAL),
  },
  enterprise: {
    label: "Enterprise",
    priceMonthly: "Custom",
    limits: { users: null, storage_gb: 1024, api_calls_per_day: 600_000, custom_integrations: 25, database_connections: 50, bandwidth_gb: 5000 },
    features: on(ENTERPRISE),
  },
};

export const DEFAULT_TRIAL_DAYS = 14;

/** Seed 003's API calls per hour, for a tenant's API keys together (lib/http/rate-limit-classes.ts; RATE_LIMIT_API_CALLS_PER_HOUR_<PLAN> overrides them). */
export const PLAN_API_CALLS_PER_HOUR: Record<Plan, number> = { basic: 1_000, professional: 5_000, enterprise: 25_000 };

/**
 * Monthly price of one unit above what the plan includes (POST /tenants/{id}/scale's billing_impact).
 * Seed 003 prices only whole tiers (Basic $29, Professional $99, Enterprise custom) and seed 000's
 * scale example shows a cost without a price list, so these add-on prices are Atrium's own, set near
 * the tiers' implied unit costs (Professional: $99 for 50 users and 100 GB). A limit the plan leaves
 * unlimited includes every unit: raising it costs nothing.
 */
export const ADDON_PRICES_USD: Record<"users" | "storage_gb" | "api_calls_per_day" | "database_connections" | "bandwidth_gb", { per: number; price: number; unit: string }> = {
  users: { per: 1, price: 2, unit: "user" },
  storage_gb: { per: 1, price: 0.2, unit: "GB" },
  api_calls_per_day: { per: 1000, price: 0.5, unit: "1,000 calls a day" },
  database_connections: { per: 1, price: 1, unit: "connection" },
  bandwidth_gb: { per: 1, price: 0.05, unit: "GB a month" },
};
