import { changeSubscriptionPlanInTx } from "@/lib/billing/subscriptions/change-subscription-plan";
import { authorizeBilling } from "@/lib/billing/subscriptions/authorize-billing";
import { prorationTotal } from "@/lib/billing/subscriptions/prorate";
import { readSubscription } from "@/lib/billing/subscriptions/get-subscription";
import { withTenantScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { changePlanSchema, type SubscriptionView } from "@/lib/schemas/billing";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import type { z } from "zod";
import type { planChangeResultSchema } from "@/lib/schemas/billing";

export type PlanChangeAnswer = z.infer<typeof planChangeResultSchema>;

/** Thrown to roll a dry run's transaction back after it computed its answer. */
class DryRunRollback extends Error {
  constructor(readonly answer: PlanChangeAnswer) {
    super("dry run");
  }
}

/**
 * POST …/subscription/upgrade and …/downgrade. A dry run makes the very same
 * change in a transaction and rolls it back, so the preview and the change
 * cannot disagree (on the proration, or on a refusal for usage over the new
 * limits) and nothing is written.
 */
export async function changePlan(actor: TenantActor, tenantId: string, body: unknown, direction: "upgrade" | "downgrade", now = new Date()): Promise<PlanChangeAnswer> {
  const input = parseOrThrow(changePlanSchema, body);
  const dryRun = input.dry_run ?? false;
  try {
    return await withTenantScope(tenantId, async (tx) => {
      const access = await authorizeBilling(actor, tenantId, "change", tx);
      const result = await changeSubscriptionPlanInTx(tx, access.auditCaller, tenantId, { plan: input.plan, direction, at: now });
      const subscription: SubscriptionView = await readSubscription(tx, tenantId);
      const answer: PlanChangeAnswer = {
        dry_run: dryRun,
        from_plan: result.from,
        to_plan: input.plan,
        currency: subscription.currency,
        proration: result.proration,
        total_cents: prorationTotal(result.proration),
        new_price_monthly_cents: result.version.priceMonthlyCents,
        subscription,
      };
      if (dryRun) throw new DryRunRollback(answer);
      return answer;
    });
  } catch (err) {
    if (err instanceof DryRunRollback) return err.answer;
    throw err;
  }
}
