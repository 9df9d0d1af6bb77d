import { auditRetentionDays } from "@/lib/audit/retention";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { PLANS } from "@/lib/tenants/plans";

export type PruneResult = { tenant_id: string; pruned: number; through_seq: number; through_hash: string };

const DAY_MS = 86_400_000;

/**
 * Retention: deletes each tenant's audit events older than its plan keeps,
 * oldest first, in batches (each its own short transaction through
 * atrium_prune_audit_chain, which records the checkpoint the verifier starts
 * from). The last batch's transaction also publishes `audit.pruned` on the
 * tenant's chain with the counts, so the cut is itself on the record.
 * The platform chain is kept whole.
 */
export async function pruneExpiredAuditEvents(caller: Caller, now = new Date(), opts: { batchSize?: number } = {}): Promise<PruneResult[]> {
  const batch = opts.batchSize ?? 1000;
  const results: PruneResult[] = [];
  for (const plan of PLANS) {
    const days = auditRetentionDays(plan);
    if (days === null) continue;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    // Only tenants with something to prune (the (tenant_id, created_at) index answers it).
    const due = await withPlatformScope((tx) =>
      tx.$queryRaw<{ id: string }[]>`SELECT t.id FROM tenants t WHERE t.plan = ${plan} AND EXISTS (SELECT 1 FROM audit_events a WHERE a.tenant_id = t.id AND a.created_at < ${cutoff})`,
    );
    for (const { id } of due) {
      const result = await pruneTenantChain(caller, id, cutoff, days, batch);
      if (result) results.push(result);
    }
  }
  return results;
}

async function pruneTenantChain(caller: Caller, tenantId: string, cutoff: Date, retentionDays: number, batch: number): Promise<PruneResult | null> {
  let total = 0;
  for (;;) {
    const step = await withPlatformScope(async (tx) => {
      const [r] = await tx.$queryRaw<{ pruned: number }[]>`SELECT pruned::int AS pruned FROM atrium_prune_audit_chain(${tenantId}, ${cutoff}, ${batch}::int)`;
      const sum = total + r.pruned;
      if (r.pruned === batch) return { pruned: r.pruned, done: null };
      if (sum === 0) return { pruned: 0, done: null };
      const cp = await tx.auditCheckpoint.findFirstOrThrow({ where: { chainKey: tenantId }, orderBy: { seq: "desc" } });
      const done: PruneResult = { tenant_id: tenantId, pruned: sum, through_seq: Number(cp.seq), through_hash: cp.hash };
      await publishEvent(tx, caller, {
        tenantId,
        action: "audit.pruned",
        targetType: "audit_log",
        targetId: tenantId,
        after: { pruned: sum, through_seq: done.through_seq, through_hash: done.through_hash, older_than: cutoff.toISOString(), retention_days: retentionDays },
      });
      return { pruned: r.pruned, done };
    });
    total += step.pruned;
    if (step.done) return step.done;
    if (step.pruned < batch) return null;
  }
}
