import { GENESIS_HASH, HASHED_COLUMNS, chainKeyOf, hashAuditRow, type AuditRowForHash } from "@/lib/audit/audit-hash";
import { ownerPool } from "@/lib/db/pools";
import { newId } from "@/lib/ids";

export type SeedAuditRow = {
  id?: string;
  actorType?: "user" | "api_key" | "system";
  actorId?: string | null;
  actorLabel?: string;
  action: string;
  targetType?: string;
  targetId?: string | null;
  targetLabel?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  at: string | Date;
};

const CASTS: Record<string, string> = { seq: "bigint", before: "jsonb", after: "jsonb", created_at: "timestamptz" };
const BATCH = 5_000;

/**
 * Appends backdated events to a chain as the owner, with the timestamps a read
 * test needs (publishEvent stamps now()). They are chained like the writer's
 * own rows (seq, prev_hash, hash under the locked chain head), so verification
 * of the chain still holds.
 */
export async function insertChainedAuditRows(tenantId: string | null, rows: SeedAuditRow[]): Promise<string[]> {
  const client = await ownerPool().connect();
  const key = chainKeyOf(tenantId);
  try {
    await client.query("BEGIN");
    await client.query("INSERT INTO audit_chain_heads (chain_key, tenant_id, seq, hash) VALUES ($1, $2, 0, $3) ON CONFLICT (chain_key) DO NOTHING", [key, tenantId, GENESIS_HASH]);
    const head = (await client.query<{ seq: string; hash: string }>("SELECT seq::text AS seq, hash FROM audit_chain_heads WHERE chain_key = $1 FOR UPDATE", [key])).rows[0];
    let seq = Number(head.seq);
    let prev = head.hash;
    const built = rows.map((r) => {
      const row: AuditRowForHash & { hash?: string; chain_key: string } = {
        id: r.id ?? newId("evt"),
        tenant_id: tenantId,
        seq: ++seq,
        actor_type: r.actorType ?? "system",
        actor_id: r.actorId ?? null,
        actor_label: r.actorLabel ?? "test",
        action: r.action,
        target_type: r.targetType ?? "tenant",
        target_id: r.targetId ?? null,
        target_label: r.targetLabel ?? null,
        before: r.before ?? null,
        after: r.after ?? null,
        ip: r.ip ?? null,
        user_agent: r.userAgent ?? null,
        request_id: r.requestId ?? null,
        created_at: new Date(r.at),
        prev_hash: prev,
        chain_key: key,
      };
      row.hash = prev = hashAuditRow(row);
      return row;
    });
    const columns = [...HASHED_COLUMNS, "hash", "chain_key"] as const;
    const sql = `INSERT INTO audit_events (${columns.join(", ")}) SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${CASTS[c] ?? "text"}[]`).join(", ")})`;
    for (let i = 0; i < built.length; i += BATCH) {
      const batch = built.slice(i, i + BATCH);
      const value = (row: (typeof built)[number], c: (typeof columns)[number]) => {
        const v = row[c as keyof typeof row];
        if (v === null || v === undefined) return null;
        if (v instanceof Date) return v.toISOString();
        if (c === "before" || c === "after") return JSON.stringify(v);
        return String(v);
      };
      await client.query(sql, columns.map((c) => batch.map((row) => value(row, c))));
    }
    await client.query("UPDATE audit_chain_heads SET seq = $2, hash = $3 WHERE chain_key = $1", [key, seq, prev]);
    await client.query("COMMIT");
    return built.map((r) => r.id as string);
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}
