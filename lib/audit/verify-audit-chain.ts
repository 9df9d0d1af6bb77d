import "server-only";
import { chainKeyOf, GENESIS_HASH, hashAuditRow, type AuditRowForHash } from "@/lib/audit/audit-hash";
import { withChainSnapshot } from "@/lib/audit/chain-reader";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { AppError } from "@/lib/http/errors";
import { requireTenantFeature } from "@/lib/portal/tenant-plan-feature";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";

export type AuditCheckpointView = { seq: number; hash: string; pruned_count: number; created_at: string };

export type AuditChainVerification = {
  valid: boolean;
  /** Events whose links and hash were recomputed. */
  checked: number;
  /** The first event that does not follow from the one before it (edited, or its predecessor removed); null when valid or when events are missing at the end. */
  first_broken_event_id: string | null;
  /** Where retention pruned the chain; verification starts from its hash. */
  checkpoint: AuditCheckpointView | null;
};

const BATCH = 1000;

const vouches = (after: unknown, cp: AuditCheckpointView) => {
  const a = after as { through_seq?: unknown; through_hash?: unknown } | null;
  return a?.through_seq === cp.seq && a?.through_hash === cp.hash;
};

/**
 * Recomputes one chain from its latest checkpoint (or its start), in batches
 * by seq so a long chain is never held in memory. Each event must carry the
 * next seq, the previous event's hash as prev_hash, and its own recomputed
 * hash; the last one must be the chain's head (events removed from the end
 * leave the head ahead of them), and a checkpoint must be matched by the
 * audit.pruned event written in its transaction (one forged to hide removed
 * events is not).
 */
export async function verifyAuditChain(tenantId: string | null, opts: { batchSize?: number } = {}): Promise<AuditChainVerification> {
  const key = chainKeyOf(tenantId);
  const batch = opts.batchSize ?? BATCH;
  return withChainSnapshot(tenantId, async (client) => {
    const [cp] = (
      await client.query<{ seq: string; hash: string; pruned_count: string; created_at: Date }>(
        "SELECT seq, hash, pruned_count, created_at FROM audit_checkpoints WHERE chain_key = $1 ORDER BY seq DESC LIMIT 1",
        [key],
      )
    ).rows;
    const [head] = (await client.query<{ seq: string; hash: string }>("SELECT seq, hash FROM audit_chain_heads WHERE chain_key = $1", [key])).rows;
    const checkpoint = cp ? { seq: Number(cp.seq), hash: cp.hash, pruned_count: Number(cp.pruned_count), created_at: cp.created_at.toISOString() } : null;
    let prevSeq = checkpoint?.seq ?? 0;
    let prevHash = checkpoint?.hash ?? GENESIS_HASH;
    let checked = 0;
    // The checkpoint must be vouched for by the audit.pruned event written with it.
    let vouched = checkpoint === null;
    const broken = (id: string | null): AuditChainVerification => ({ valid: false, checked, first_broken_event_id: id, checkpoint });
    for (;;) {
      const { rows } = await client.query<AuditRowForHash & { id: string; seq: string; prev_hash: string; hash: string; action: string }>(
        "SELECT * FROM audit_events WHERE chain_key = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        [key, prevSeq, batch],
      );
      for (const row of rows) {
        checked += 1;
        if (Number(row.seq) !== prevSeq + 1 || row.prev_hash !== prevHash || hashAuditRow(row) !== row.hash) return broken(row.id);
        prevSeq = Number(row.seq);
        prevHash = row.hash;
        if (!vouched && row.action === "audit.pruned" && vouches(row.after, checkpoint!)) vouched = true;
      }
      if (rows.length < batch) break;
    }
    const headSeq = head ? Number(head.seq) : 0;
    if (headSeq !== prevSeq || (head && head.hash !== prevHash) || !vouched) return broken(null);
    return { valid: true, checked, first_broken_event_id: null, checkpoint };
  });
}

/** A tenant's chain: platform staff with audit:read, or the tenant's members and keys with audit:read on a plan with audit_logs. */
export async function verifyTenantAuditChain(actor: TenantActor, tenantId: string): Promise<AuditChainVerification> {
  if (actor.kind === "platform") return verifyPlatformAuditChain(actor.caller, tenantId);
  await withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "audit:read", tx);
    await requireTenantFeature(tenantId, "audit_logs", "The audit log", tx);
  });
  return verifyAuditChain(tenantId);
}

/** The platform chain (tenantId null), or any tenant's: platform staff with audit:read. */
export async function verifyPlatformAuditChain(caller: Caller, tenantId: string | null): Promise<AuditChainVerification> {
  authorize(caller, "audit:read");
  if (tenantId !== null && !(await withTenantScope(tenantId, (tx) => tx.tenant.findUnique({ where: { id: tenantId }, select: { id: true } })))) {
    throw new AppError("tenant_not_found", `No tenant with id ${tenantId}`);
  }
  return verifyAuditChain(tenantId);
}
