import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { currentPlanVersions, planVersionView } from "@/lib/billing/plans/plan-versions";
import type { Tx } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import type { planSchema } from "@/lib/schemas/billing";
import { PLANS } from "@/lib/tenants/plans";
import type { z } from "zod";

export type PlanView = z.infer<typeof planSchema>;

/** Every plan's current version with how many subscriptions it has, and how many of those are on older versions. */
export async function readPlans(tx: Tx): Promise<PlanView[]> {
  const versions = await currentPlanVersions(tx);
  const counts = await tx.$queryRaw<{ plan_key: string; total: number; older: number }[]>`
    SELECT s.plan_key, count(*)::int AS total, count(*) FILTER (WHERE s.plan_version < c.current_version)::int AS older
    FROM tenant_subscriptions s JOIN plan_catalogue c ON c.key = s.plan_key
    GROUP BY s.plan_key`;
  const by = new Map(counts.map((c) => [c.plan_key, c]));
  return PLANS.map((key) => ({
    ...planVersionView(versions[key]),
    current_version: versions[key].version,
    subscriptions: by.get(key)?.total ?? 0,
    subscriptions_on_older_versions: by.get(key)?.older ?? 0,
  }));
}

/** GET /plans: platform staff who read tenants read the catalogue (prices are not secret to them). */
export function listPlans(caller: Caller): Promise<PlanView[]> {
  authorize(caller, "tenants:read");
  return withPlatformScope(readPlans);
}
