import { ownerQuery } from "./db";

/** Fills a tenant's starter tables with `n` users, 2n documents and 3n activity rows (spread over 2026). */
export async function fillTenantSchema(schema: string, n: number): Promise<void> {
  const s = `"${schema}"`;
  await ownerQuery(`INSERT INTO ${s}.users (email, name, created_at) SELECT 'u' || g || '@x.test', 'User ' || g || E' with\\ttab and ''quote''', timestamptz '2026-01-01' + g * interval '1 hour' FROM generate_series(1, $1) g`, [n]);
  await ownerQuery(`INSERT INTO ${s}.documents (owner_id, title, body, created_at) SELECT u.id, 'Doc ' || g, repeat(E'line\\n', g % 5), u.created_at FROM generate_series(1, 2) g CROSS JOIN ${s}.users u`);
  await ownerQuery(`INSERT INTO ${s}.activity_log (user_id, action, details, created_at) SELECT u.id, 'act' || g, jsonb_build_object('g', g, 'nul', null), u.created_at + g * interval '1 minute' FROM generate_series(1, 3) g CROSS JOIN ${s}.users u`);
}

/** Per table: row count and an order-independent checksum of its rows. */
export async function schemaFingerprint(schema: string, tables = ["users", "documents", "activity_log", "schema_migrations"]): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of tables) {
    const [r] = await ownerQuery<{ rows: number; md5: string }>(`SELECT count(*)::int AS rows, coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS md5 FROM "${schema}"."${t}" x`);
    out[t] = r;
  }
  return out;
}
