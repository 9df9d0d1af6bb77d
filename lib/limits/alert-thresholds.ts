import type { Tx } from "@/lib/db/prisma";
import { DEFAULT_THRESHOLDS, LIMIT_RESOURCES, type AlertThresholds, type LimitResource, type ThresholdLevels } from "@/lib/schemas/limits";

type Row = { warningPercent: number; criticalPercent: number; exceededPercent: number; overrides: unknown; updatedAt: Date };

/** The thresholds as the API shows them, from the stored row (or the defaults when there is none). */
export function thresholdsView(row: Row | null): AlertThresholds {
  const base: ThresholdLevels = row ? { warning_percent: row.warningPercent, critical_percent: row.criticalPercent, exceeded_percent: row.exceededPercent } : DEFAULT_THRESHOLDS;
  const stored = (row?.overrides ?? {}) as Partial<Record<LimitResource, ThresholdLevels>>;
  const overrides: Partial<Record<LimitResource, ThresholdLevels>> = {};
  for (const r of LIMIT_RESOURCES) if (stored[r]) overrides[r] = stored[r];
  const effective = Object.fromEntries(LIMIT_RESOURCES.map((r) => [r, overrides[r] ?? base])) as Record<LimitResource, ThresholdLevels>;
  return { ...base, overrides, effective, customised: row !== null, updated_at: row?.updatedAt.toISOString() ?? null };
}

export async function readAlertThresholds(tx: Tx, tenantId: string): Promise<AlertThresholds> {
  return thresholdsView(await tx.tenantAlertThreshold.findUnique({ where: { tenantId } }));
}
