import { auditRetentionDays } from "@/lib/audit/retention";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { PLANS } from "@/lib/tenants/plans";

export type PruneResult = { tenant_id: string; pruned: number; through_seq: number; through_hash: string };

const DAY_MS = 86_400_000;
// A tenant is pruned once it has a day's worth of expired events, not every minute the job runs:
// each prune is itself an audit event, and a minute's worth would make one a minute.
const SLACK_MS = DAY_MS;

/**
 * Retention: deletes each tenant's audit events older than its plan keeps,
 * oldest first, in batches through atrium_prune_audit_chain, which records a
 * checkpoint (the last pruned event's seq and hash) that the verifier starts
 * from. Each batch's transaction also publishes `audit.pruned` with that
 * checkpoint on the tenant's chain, so every checkpoint is vouched for by a
 * chained event written with it (the verifier requires it: a checkpoint
 * forged to hide removed events has none). The platform chain is kept whole.
 */
export async function pruneExpiredAuditEvents(caller: Caller, now = new Date(), opts: { batchSize?: number } = {}): Promise<PruneResult[]> {
  const batch = opts.batchSize ?? 5000;
  const results: PruneResult[] = [];
  for (const plan of PLANS) {
    const days = auditRetentionDays(plan);
    if (days === null) continue;
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const due = await withPlatformScope((tx) =>
      tx.$queryRaw<{ id: string }[]>`SELECT t.id FROM tenants t WHERE t.plan = ${plan} AND EXISTS (SELECT 1 FROM audit_events a WHERE a.tenant_id = t.id AND a.created_at < ${new Date(cutoff.getTime() - SLACK_MS)})`,
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
  let through: { seq: number; hash: string } | null = null;
  for (;;) {
    const step = await withPlatformScope(async (tx) => {
      const [r] = await tx.$queryRaw<{ pruned: number; last_seq: string | null; last_hash: string | null }[]>`
        SELECT pruned::int AS pruned, last_seq::text AS last_seq, last_hash FROM atrium_prune_audit_chain(${tenantId}, ${cutoff}, ${batch}::int)`;
      if (r.pruned > 0) {
        await publishEvent(tx, caller, {
          tenantId,
          action: "audit.pruned",
          targetType: "audit_log",
          targetId: tenantId,
          after: { pruned: r.pruned, through_seq: Number(r.last_seq), through_hash: r.last_hash, older_than: cutoff.toISOString(), retention_days: retentionDays },
        });
      }
      return r;
    });
    if (step.pruned > 0) {
      total += step.pruned;
      through = { seq: Number(step.last_seq), hash: step.last_hash! };
    }
    if (step.pruned < batch) return through && { tenant_id: tenantId, pruned: total, through_seq: through.seq, through_hash: through.hash };
  }
}
