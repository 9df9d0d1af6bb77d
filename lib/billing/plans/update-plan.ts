import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { readPlans, type PlanView } from "@/lib/billing/plans/list-plans";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { limitsAbovePlatformMax } from "@/lib/schemas/tenant";
import { planKeySchema, updatePlanSchema } from "@/lib/schemas/billing";

/**
 * PUT /plans/{key}: the plan's next version (the whole content). Versions are
 * never edited: subscriptions keep the version (and price) they are on until
 * moved, and tenants keep the limits and features they were given; new
 * assignments of the plan take this version. Saving content equal to the
 * current version makes no version.
 */
export async function updatePlan(caller: Caller, key: string, body: unknown): Promise<PlanView> {
  authorize(caller, "billing:manage");
  const planKey = parseOrThrow(planKeySchema, key, "not_found");
  const input = parseOrThrow(updatePlanSchema, body);
  const overMax = limitsAbovePlatformMax(input.limits).map((d) => ({ ...d, path: `limits.${d.path}` }));
  if (overMax.length) throw new AppError("limits_exceeded", "Limits exceed the platform maximum", overMax);
  return withPlatformScope(async (tx) => {
    // The catalogue row is the lock: two edits of a plan make consecutive versions.
    const [cat] = await tx.$queryRaw<{ current_version: number }[]>`SELECT current_version FROM plan_catalogue WHERE key = ${planKey} FOR UPDATE`;
    const current = await tx.planVersion.findUniqueOrThrow({ where: { planKey_version: { planKey, version: cat.current_version } } });
    const before = { name: current.name, price_monthly_cents: current.priceMonthlyCents, currency: current.currency, limits: current.limits, features: current.features, overage: current.overage, add_on_prices: current.addOnPrices, trial_days: current.trialDays };
    // Both through the schema, so keys compare in one order (jsonb keeps its own).
    if (JSON.stringify(updatePlanSchema.parse(before)) === JSON.stringify(input)) return (await readPlans(tx)).find((p) => p.key === planKey)!;
    const version = cat.current_version + 1;
    await tx.planVersion.create({
      data: {
        planKey,
        version,
        name: input.name,
        priceMonthlyCents: input.price_monthly_cents,
        currency: input.currency,
        limits: input.limits,
        features: input.features,
        overage: input.overage,
        addOnPrices: input.add_on_prices,
        trialDays: input.trial_days,
        createdBy: caller.id,
      },
    });
    await tx.planCatalogue.update({ where: { key: planKey }, data: { currentVersion: version, updatedAt: new Date() } });
    await publishEvent(tx, caller, { tenantId: null, action: "plan.updated", targetType: "plan", targetId: planKey, targetLabel: input.name, before: { version: cat.current_version, ...before }, after: { version, ...input } });
    return (await readPlans(tx)).find((p) => p.key === planKey)!;
  });
}
