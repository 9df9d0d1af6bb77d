import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/**
 * Every column of audit_events the hash covers: all of them but `hash`.
 * The writer inserts exactly these columns and the verifier rehashes them,
 * so this list is the one place a new column is added; a test fails while
 * audit_events has a column missing here (tests/integration/audit-chain.test.ts).
 */
export const HASHED_COLUMNS = [
  "id",
  "tenant_id",
  "seq",
  "actor_type",
  "actor_id",
  "actor_label",
  "action",
  "target_type",
  "target_id",
  "target_label",
  "before",
  "after",
  "ip",
  "user_agent",
  "request_id",
  "created_at",
  "prev_hash",
] as const;

export type HashedColumn = (typeof HASHED_COLUMNS)[number];

/**
 * The columns the hash leaves out: the hash itself, and chain_key (tenant_id again, or
 * "platform"; the Citus distribution column, migration 20261210010000), which a CHECK
 * ties to tenant_id, so leaving it out keeps every stored hash valid and loses nothing.
 */
export const UNHASHED_COLUMNS = ["hash", "chain_key"] as const;

/** A stored row as node-postgres returns it (seq as a string, jsonb parsed, timestamptz a Date) or as the writer builds it. */
export type AuditRowForHash = { [C in HashedColumn]: unknown };

/** prev_hash of each chain's first event. */
export const GENESIS_HASH = "0".repeat(64);

/** The chain a row belongs to: its tenant, or the platform's own. */
export const chainKeyOf = (tenantId: string | null): string => tenantId ?? "platform";

/**
 * SHA-256 (hex) of the RFC 8785 serialisation of the row's columns. NULLs are
 * left out, so adding a nullable column later keeps old rows' hashes valid;
 * created_at is RFC 3339 UTC with milliseconds (timestamptz(3)). The SQL
 * function atrium_audit_event_hash (migration 20261205010000_audit_chain)
 * computes the same; a test holds them together.
 */
export function hashAuditRow(row: AuditRowForHash): string {
  const doc: Record<string, unknown> = {};
  for (const column of HASHED_COLUMNS) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    if (value instanceof Date) doc[column] = value.toISOString();
    else if (column === "seq") doc[column] = Number(value);
    else doc[column] = value;
  }
  const text = canonicalize(doc);
  if (text === undefined) throw new Error("audit event cannot be serialised");
  return createHash("sha256").update(text, "utf8").digest("hex");
}
