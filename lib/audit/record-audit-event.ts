import type { Caller } from "@/lib/auth/caller";
import { chainKeyOf, GENESIS_HASH, HASHED_COLUMNS, hashAuditRow, type AuditRowForHash, type HashedColumn } from "@/lib/audit/audit-hash";
import type { Tx } from "@/lib/db/prisma";
import { newId } from "@/lib/ids";

export type AuditInput = {
  tenantId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  /** What the target is called now (tenant name, member email, role name, domain, key name), kept for readers after it changes or goes. */
  targetLabel?: string | null;
  before?: unknown;
  after?: unknown;
};

// Round-trips through JSON, as jsonb will: what is hashed is what is stored.
const json = (v: unknown) => (v === undefined || v === null ? null : (JSON.parse(JSON.stringify(v)) as unknown));

const CASTS: Partial<Record<HashedColumn, string>> = { seq: "bigint", before: "jsonb", after: "jsonb", created_at: "timestamptz" };
const COLUMN_LIST = HASHED_COLUMNS.join(", ");
const PLACEHOLDERS = HASHED_COLUMNS.map((c, i) => `$${i + 1}::${CASTS[c] ?? "text"}`).join(", ");
const HASH_PARAM = HASHED_COLUMNS.length + 1;
// The event and its chain's new head in one statement (one round trip).
const INSERT_SQL = `WITH event AS (INSERT INTO audit_events (${COLUMN_LIST}, hash, chain_key) VALUES (${PLACEHOLDERS}, $${HASH_PARAM}, $${HASH_PARAM + 1}) RETURNING seq, hash)
  UPDATE audit_chain_heads h SET seq = event.seq, hash = event.hash FROM event WHERE h.chain_key = $${HASH_PARAM + 1}`;

const toParam = (column: HashedColumn, value: unknown): unknown => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (column === "before" || column === "after") return JSON.stringify(value);
  return String(value);
};

/**
 * Locks the chain's head row for the rest of the caller's transaction and
 * returns it. Why a head row and not an advisory lock: the head is what the
 * next writer must read anyway (seq and hash of the last event, without
 * scanning audit_events), its row lock is released by commit or rollback like
 * the change itself, it is under the same RLS as the events, and writers of
 * different tenants lock different rows. Cost: bench/audit-chain.ts.
 */
async function lockChainHead(tx: Tx, tenantId: string | null): Promise<{ seq: number; hash: string }> {
  const key = chainKeyOf(tenantId);
  const select = () => tx.$queryRawUnsafe<{ seq: string; hash: string }[]>("SELECT seq::text AS seq, hash FROM audit_chain_heads WHERE chain_key = $1 FOR UPDATE", key);
  let [head] = await select();
  if (!head) {
    // A chain's first event: whoever inserts the head first wins, the other waits on it and reads it.
    await tx.$executeRawUnsafe("INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash) VALUES ($1, $2, 0, $3) ON CONFLICT (chain_key) DO NOTHING", key, tenantId, GENESIS_HASH);
    [head] = await select();
  }
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Written inside the caller's transaction, so the change and its record commit
 * together. Appends to the tenant's hash chain (or the platform's): the
 * chain's head stays locked until the transaction ends, so concurrent writers
 * take turns and the chain never forks.
 */
export async function recordAuditEvent(tx: Tx, caller: Caller, input: AuditInput): Promise<void> {
  const head = await lockChainHead(tx, input.tenantId);
  const row: AuditRowForHash = {
    id: newId("evt"),
    tenant_id: input.tenantId,
    seq: head.seq + 1,
    actor_type: caller.kind,
    actor_id: caller.id,
    actor_label: caller.label,
    action: input.action,
    target_type: input.targetType,
    target_id: input.targetId,
    target_label: input.targetLabel?.slice(0, 500) ?? null,
    before: json(input.before),
    after: json(input.after),
    ip: caller.meta.ip,
    user_agent: caller.meta.userAgent?.slice(0, 500) ?? null,
    request_id: caller.meta.requestId,
    // Set here, not by the column default: the hash covers it, to the millisecond.
    created_at: new Date(),
    prev_hash: head.hash,
  };
  const params = HASHED_COLUMNS.map((c) => toParam(c, row[c]));
  await tx.$executeRawUnsafe(INSERT_SQL, ...params, hashAuditRow(row), chainKeyOf(input.tenantId));
}
