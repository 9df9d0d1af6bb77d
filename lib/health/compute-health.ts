import type { Tx } from "@/lib/db/prisma";
import { evaluateHealthChecks, summarizeHealth, type HealthCheck } from "@/lib/health/health-checks";
import { loadHealthInputs, type HealthTenant } from "@/lib/health/load-health-inputs";
import type { HealthStatus } from "@/lib/schemas/analytics";

export type HealthResult = { tenantId: string; score: number; status: HealthStatus; checks: HealthCheck[]; checkedAt: Date };

/** Every check of every tenant given, in the queries of loadHealthInputs. */
export async function computeHealth(tx: Tx, tenants: HealthTenant[], now = new Date()): Promise<HealthResult[]> {
  const inputs = await loadHealthInputs(tx, tenants, now);
  return tenants.map((t) => {
    const checks = evaluateHealthChecks(inputs.get(t.id)!);
    return { tenantId: t.id, ...summarizeHealth(checks), checks, checkedAt: now };
  });
}

/** The check as the API shows it: the recommendation goes into the tenant's list of recommendations instead. */
export const publicCheck = (c: HealthCheck) => ({ name: c.name, status: c.status, weight: c.weight, score: c.score, detail: c.detail });
export const recommendationsOf = (checks: HealthCheck[]) => checks.filter((c) => c.recommendation).map((c) => c.recommendation!);
