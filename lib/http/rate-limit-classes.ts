import { env } from "@/lib/env";
import { PLAN_API_CALLS_PER_HOUR, PLANS, type Plan } from "@/lib/tenants/plans";

/**
 * Seed 000's rate-limit table. Every /api/v1 operation names its class in its
 * contract (`rateLimit`), and apiRoute takes one request from the caller's
 * allowance of that class and, on routes under /tenants/{id}, from the
 * tenant's too. The last three classes have no routes yet: the features that
 * bring them (usage, backups, tenant schemas) only declare them.
 *
 * Which class an operation belongs to:
 * - tenant_creation: POST /tenants (provisioning creates a schema and roles).
 * - domain_configuration: every domain change (add, verify, primary, remove):
 *   each may send DNS queries or move a tenant's routing.
 * - tenant_queries: everything else about an existing tenant, reads and
 *   ordinary writes alike (settings, lifecycle, members, roles, branding,
 *   keys). Seed 000 names no class for those writes; they are single-row
 *   changes as cheap as a read, and the ones with an outside cost are capped
 *   again where the cost is: invitation emails per tenant per hour, branding
 *   uploads per tenant per 10 minutes, each key shrinking with its creator.
 */
export const RATE_LIMIT_CLASSES = {
  tenant_creation: { label: "tenant creations", windowSeconds: 3600, limit: () => env.tenantCreateRateLimitPerHour, variable: "RATE_LIMIT_TENANT_CREATE_PER_HOUR" },
  tenant_queries: { label: "tenant requests", windowSeconds: 60, limit: () => env.tenantQueriesRateLimitPerMinute, variable: "RATE_LIMIT_TENANT_QUERIES_PER_MINUTE" },
  domain_configuration: { label: "domain configuration requests", windowSeconds: 3600, limit: () => env.domainConfigRateLimitPerHour, variable: "RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR" },
  resource_usage: { label: "resource usage requests", windowSeconds: 60, limit: () => env.resourceUsageRateLimitPerMinute, variable: "RATE_LIMIT_RESOURCE_USAGE_PER_MINUTE" },
  backup_operations: { label: "backup operations", windowSeconds: 3600, limit: () => env.backupOperationsRateLimitPerHour, variable: "RATE_LIMIT_BACKUP_OPERATIONS_PER_HOUR" },
  schema_operations: { label: "schema operations", windowSeconds: 60, limit: () => env.schemaOperationsRateLimitPerMinute, variable: "RATE_LIMIT_SCHEMA_OPERATIONS_PER_MINUTE" },
} as const;

export type RateLimitClass = keyof typeof RATE_LIMIT_CLASSES;
export const RATE_LIMIT_CLASS_NAMES = Object.keys(RATE_LIMIT_CLASSES) as RateLimitClass[];

/**
 * What a contract says about rate limiting: its class, or — only for a public
 * route, which answers anyone and goes through no apiRoute — why it has none.
 */
export type RouteRateLimit = RateLimitClass | { none: string };

/** The hourly allowance of all of a tenant's API keys together (seed 003), per plan; a plan Atrium does not know gets the smallest. */
export function planApiCallsPerHour(plan: string): number {
  const p: Plan = (PLANS as readonly string[]).includes(plan) ? (plan as Plan) : "basic";
  return env.apiCallsPerHour(p, PLAN_API_CALLS_PER_HOUR[p]);
}
