import type pg from "pg";
import type { ColumnCodec } from "@/lib/sql-console/serialise-value";

type TypeRow = { oid: number; typmod: number; name: string; category: string; elem: number; elem_name: string | null; elem_category: string | null };

// Type OIDs are unique in the cluster and built-ins never change, so one lookup per (oid, typmod) per process will do.
const cache = new Map<string, ColumnCodec>();
const keyOf = (oid: number, typmod: number) => `${oid}:${typmod}`;

/**
 * Names and codecs of the result's columns (format_type, so `character
 * varying(20)`, `timestamp with time zone`, `text[]`, the tenant's enums).
 * Types not seen before cost one catalogue query on the caller's connection
 * (pg_type is readable by every role).
 */
export async function columnCodecs(client: pg.PoolClient, fields: readonly { dataTypeID: number; dataTypeModifier: number }[]): Promise<ColumnCodec[]> {
  const missing = fields.filter((f) => !cache.has(keyOf(f.dataTypeID, f.dataTypeModifier)));
  if (missing.length) {
    const r = await client.query<TypeRow>({
      text: `SELECT f.oid::int AS oid, f.typmod, pg_catalog.format_type(t.oid, NULLIF(f.typmod, -1)) AS name, t.typcategory AS category,
                    t.typelem::int AS elem, pg_catalog.format_type(t.typelem, NULL) AS elem_name, e.typcategory AS elem_category
               FROM unnest($1::oid[], $2::int[]) AS f(oid, typmod)
               JOIN pg_catalog.pg_type t ON t.oid = f.oid
               LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'`,
      values: [missing.map((f) => f.dataTypeID), missing.map((f) => f.dataTypeModifier)],
    });
    for (const row of r.rows) {
      const element = row.category === "A" && row.elem ? { oid: row.elem, typmod: -1, name: row.elem_name ?? "unknown", category: row.elem_category ?? "U", element: null } : null;
      cache.set(keyOf(row.oid, row.typmod), { oid: row.oid, typmod: row.typmod, name: row.name, category: row.category, element });
    }
  }
  return fields.map((f) => cache.get(keyOf(f.dataTypeID, f.dataTypeModifier)) ?? { oid: f.dataTypeID, typmod: f.dataTypeModifier, name: "unknown", category: "U", element: null });
}
