import { db, type Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import type { PlanVersion } from "@/lib/generated/prisma/client";
import type { PlanVersionView } from "@/lib/schemas/billing";
import type { Features, Limits, Plan } from "@/lib/tenants/plans";

export type PlanVersionRecord = {
  key: Plan;
  version: number;
  name: string;
  priceMonthlyCents: number;
  currency: string;
  limits: Limits;
  features: Features;
  overage: { api_calls_per_1000_cents: number; storage_gb_cents: number };
  addOnPrices: { seat_cents: number; storage_gb_cents: number };
  trialDays: number;
  createdAt: Date;
};

export function planVersionRecord(row: PlanVersion): PlanVersionRecord {
  return {
    key: row.planKey as Plan,
    version: row.version,
    name: row.name,
    priceMonthlyCents: row.priceMonthlyCents,
    currency: row.currency,
    limits: row.limits as Limits,
    features: row.features as Features,
    overage: row.overage as PlanVersionRecord["overage"],
    addOnPrices: row.addOnPrices as PlanVersionRecord["addOnPrices"],
    trialDays: row.trialDays,
    createdAt: row.createdAt,
  };
}

export const planVersionView = (p: PlanVersionRecord): PlanVersionView => ({
  key: p.key,
  version: p.version,
  name: p.name,
  price_monthly_cents: p.priceMonthlyCents,
  currency: p.currency,
  limits: p.limits,
  features: p.features,
  overage: p.overage,
  add_on_prices: p.addOnPrices,
  trial_days: p.trialDays,
  created_at: p.createdAt.toISOString(),
});

/**
 * A plan's version: the current one when `version` is left out. The catalogue
 * is platform-wide (no tenant rows, no RLS), so any transaction may read it;
 * pass `tx` to read inside one.
 */
export async function getPlanVersion(planKey: Plan, version?: number, tx?: Tx): Promise<PlanVersionRecord> {
  const client = tx ?? db();
  const wanted = version ?? (await client.planCatalogue.findUnique({ where: { key: planKey }, select: { currentVersion: true } }))?.currentVersion;
  const row = wanted === undefined ? null : await client.planVersion.findUnique({ where: { planKey_version: { planKey, version: wanted } } });
  if (!row) throw new AppError("not_found", `No plan ${planKey}${version === undefined ? "" : ` version ${version}`}`);
  return planVersionRecord(row);
}

/** Every plan's current version, in catalogue order (basic, professional, enterprise). */
export async function currentPlanVersions(tx?: Tx): Promise<Record<Plan, PlanVersionRecord>> {
  const client = tx ?? db();
  const rows = await client.$queryRaw<{ plan_key: string; version: number }[]>`SELECT key AS plan_key, current_version AS version FROM plan_catalogue`;
  const versions = await client.planVersion.findMany({ where: { OR: rows.map((r) => ({ planKey: r.plan_key, version: r.version })) } });
  return Object.fromEntries(versions.map((v) => [v.planKey, planVersionRecord(v)])) as Record<Plan, PlanVersionRecord>;
}
