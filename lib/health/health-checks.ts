import type { HealthCheckName, HealthStatus } from "@/lib/schemas/analytics";
import { FEATURE_LABELS, PLAN_DEFINITIONS, type Feature, type Features, type Limits, type Plan } from "@/lib/tenants/plans";

/**
 * What one tenant's checks are judged on, loaded for many tenants at once
 * (lib/health/load-health-inputs.ts). The checks themselves are pure, so each
 * rule can be read (and tested) here alone.
 */
export type HealthInputs = {
  plan: Plan;
  limits: Limits;
  features: Features;
  provisioningStatus: "in_progress" | "completed" | "failed" | null;
  provisioningError: string | null;
  schema: { exists: boolean; migrated: boolean };
  usage: { users: number; storageGb: number; apiCallsToday: number };
  domains: { failed: string[]; pendingStale: string[]; pendingFresh: string[] };
  webhooks: { disabled: number; failing: number };
};

export type CheckStatus = "pass" | "warning" | "fail";
export type HealthCheck = { name: HealthCheckName; status: CheckStatus; weight: number; score: number; detail: string; recommendation: string | null };

/** Points of the 100 each check carries: the schema most, since without it the tenant's product cannot run at all. */
export const CHECK_WEIGHTS: Record<HealthCheckName, number> = {
  schema_reachable: 25,
  storage_quota: 15,
  api_limits: 15,
  seats: 10,
  domain_verification: 10,
  webhook_failures: 10,
  provisioning: 10,
  feature_compliance: 5,
};

/** Usage at or above this share of a limit is a warning; at or above the limit, a failure. */
export const WARN_AT = 0.8;
/** A domain still pending after this long is a failure (the DNS record was never published). */
export const PENDING_DOMAIN_GRACE_HOURS = 24;

const check = (name: HealthCheckName, status: CheckStatus, detail: string, recommendation: string | null = null): HealthCheck => {
  const weight = CHECK_WEIGHTS[name];
  return { name, status, weight, score: status === "pass" ? weight : status === "warning" ? weight / 2 : 0, detail, recommendation: status === "pass" ? null : recommendation };
};

const pct = (share: number) => `${Math.round(share * 100)} %`;

function quotaCheck(name: HealthCheckName, used: number, limit: number | null, what: string, unit: string, advice: (share: number) => string): HealthCheck {
  if (limit === null) return check(name, "pass", `${what}: ${used}${unit}, no limit`);
  if (limit === 0) return used > 0 ? check(name, "fail", `${what}: ${used}${unit} with a limit of 0`, advice(Infinity)) : check(name, "pass", `${what}: none used, limit 0`);
  const share = used / limit;
  const detail = `${what}: ${Math.round(used * 100) / 100}${unit} of ${limit}${unit} (${pct(share)})`;
  if (share >= 1) return check(name, "fail", detail, advice(share));
  if (share >= WARN_AT) return check(name, "warning", detail, advice(share));
  return check(name, "pass", detail);
}

export function evaluateHealthChecks(i: HealthInputs): HealthCheck[] {
  const checks: HealthCheck[] = [];

  checks.push(
    !i.schema.exists
      ? check("schema_reachable", "fail", "The tenant's database schema does not exist", "Restore the tenant's database schema (from a backup) or re-provision the tenant: its product cannot store anything")
      : !i.schema.migrated
        ? check("schema_reachable", "fail", "The tenant's schema exists but holds no migrations table", "Re-run the tenant's schema migrations")
        : check("schema_reachable", "pass", "The tenant's schema exists and is migrated"),
  );

  checks.push(quotaCheck("storage_quota", i.usage.storageGb, i.limits.storage_gb, "Storage", " GB", (s) => (s >= 1 ? "Storage is over quota: uploads are refused until data is removed or the quota is raised" : `Consider increasing the storage quota (${pct(s)} used)`)));
  checks.push(quotaCheck("api_limits", i.usage.apiCallsToday, i.limits.api_calls_per_day, "API calls today", "", (s) => (s >= 1 ? "The daily API call limit is reached: raise it or upgrade the plan before calls are refused tomorrow too" : `API calls are at ${pct(s)} of the daily limit; consider raising it`)));
  checks.push(quotaCheck("seats", i.usage.users, i.limits.users, "Active members", "", (s) => (s >= 1 ? "Every seat is taken: no one else can be invited until the user limit is raised" : `Seats are ${pct(s)} used; raise the user limit before invitations are refused`)));

  const { failed, pendingStale, pendingFresh } = i.domains;
  const domainList = (d: string[]) => d.slice(0, 3).join(", ") + (d.length > 3 ? ` and ${d.length - 3} more` : "");
  checks.push(
    failed.length + pendingStale.length > 0
      ? check(
          "domain_verification",
          "fail",
          `${failed.length + pendingStale.length} custom domain(s) unverified: ${domainList([...failed, ...pendingStale])}`,
          `Publish the TXT record for ${domainList([...failed, ...pendingStale])} and verify again, or remove the domain`,
        )
      : pendingFresh.length > 0
        ? check("domain_verification", "warning", `${pendingFresh.length} domain(s) waiting for verification: ${domainList(pendingFresh)}`, `Publish the TXT record for ${domainList(pendingFresh)} so it can be verified`)
        : check("domain_verification", "pass", "Every custom domain is verified (or there are none)"),
  );

  const { disabled, failing } = i.webhooks;
  checks.push(
    disabled > 0
      ? check("webhook_failures", "fail", `${disabled} webhook endpoint(s) disabled after failing deliveries${failing ? `, ${failing} failing` : ""}`, "Fix the disabled webhook endpoints (see their delivery log) and enable them again")
      : failing > 0
        ? check("webhook_failures", "warning", `${failing} webhook endpoint(s) failing deliveries`, "Check the failing webhook endpoints' delivery log before they are disabled")
        : check("webhook_failures", "pass", "No webhook endpoint is failing"),
  );

  checks.push(
    i.provisioningStatus === "failed"
      ? check("provisioning", "fail", `Provisioning failed${i.provisioningError ? `: ${i.provisioningError}` : ""}`, "Retry provisioning the tenant")
      : i.provisioningStatus === "in_progress"
        ? check("provisioning", "warning", "Provisioning is still in progress", "Wait for provisioning to finish; if it does not, retry it")
        : check("provisioning", "pass", "Provisioned"),
  );

  const beyondPlan = (Object.keys(i.features) as Feature[]).filter((f) => i.features[f] && !PLAN_DEFINITIONS[i.plan].features[f]);
  checks.push(
    beyondPlan.length > 0
      ? check(
          "feature_compliance",
          "fail",
          `Features on that the ${PLAN_DEFINITIONS[i.plan].label} plan does not include: ${beyondPlan.join(", ")}`,
          `Turn off ${beyondPlan.map((f) => FEATURE_LABELS[f]).join(", ")} or move the tenant to a plan that includes ${beyondPlan.length === 1 ? "it" : "them"}`,
        )
      : check("feature_compliance", "pass", "Every feature on is included in the plan"),
  );
  return checks;
}

/**
 * The score is the sum of the points earned. critical: below 50, or the schema
 * unreachable (nothing works without it); healthy: 80 or more with no check
 * failed; degraded otherwise.
 */
export function summarizeHealth(checks: HealthCheck[]): { score: number; status: HealthStatus } {
  const score = Math.round(checks.reduce((s, c) => s + c.score, 0));
  const schemaDown = checks.some((c) => c.name === "schema_reachable" && c.status === "fail");
  const anyFailed = checks.some((c) => c.status === "fail");
  const status: HealthStatus = score < 50 || schemaDown ? "critical" : score >= 80 && !anyFailed ? "healthy" : "degraded";
  return { score, status };
}
