import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { quoteIdent } from "@/lib/db/quote-ident";

const qualified = (schema: string, table: string) => `${quoteIdent(schema)}.${quoteIdent(table)}`;

/**
 * The schema's tables, parents before the tables whose foreign keys point at
 * them, so loading them in this order satisfies every (non-deferrable) key.
 * Filtered by the schema's OID first: pg_class holds every tenant's tables.
 */
export async function tablesInLoadOrder(client: pg.ClientBase, schemaName: string): Promise<string[]> {
  const tables = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid::int AS oid, c.relname AS name FROM pg_class c
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
    [schemaName],
  );
  const fks = await client.query<{ child: number; parent: number }>(
    `SELECT conrelid::int AS child, confrelid::int AS parent FROM pg_constraint
      WHERE contype = 'f' AND connamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND conrelid <> confrelid`,
    [schemaName],
  );
  const parents = new Map<number, Set<number>>(tables.rows.map((t) => [t.oid, new Set<number>()]));
  for (const fk of fks.rows) parents.get(fk.child)?.add(fk.parent);
  const ordered: string[] = [];
  const done = new Set<number>();
  // Kahn's algorithm by name: a table goes once all its parents in this schema are placed; a cycle goes last, alphabetically.
  while (done.size < tables.rows.length) {
    const ready = tables.rows.filter((t) => !done.has(t.oid) && [...parents.get(t.oid)!].every((p) => done.has(p) || !parents.has(p)));
    const next = ready.length ? ready : tables.rows.filter((t) => !done.has(t.oid));
    for (const t of ready.length ? next : next.slice(0, 1)) {
      done.add(t.oid);
      ordered.push(t.name);
    }
  }
  return ordered;
}

/** Counts and hashes what passes through. */
export function digestStream() {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  return { stream, result: () => ({ sha256: hash.digest("hex"), bytes }) };
}

/** Streams one table as CSV with a header row into `file` (never held in memory); its rows, bytes and SHA-256. */
export async function copyTableToFile(client: pg.ClientBase, schemaName: string, table: string, file: string) {
  const copy = client.query(copyTo(`COPY ${qualified(schemaName, table)} TO STDOUT WITH (FORMAT csv, HEADER)`));
  const digest = digestStream();
  await pipeline(copy, digest.stream, createWriteStream(file));
  return { rows: copy.rowCount ?? 0, ...digest.result() };
}

/**
 * Loads a CSV with a header row into a table. HEADER MATCH makes PostgreSQL
 * check the header against the column list (taken from that same header), so
 * a file cannot put values under the wrong columns.
 */
export async function copyTableFromStream(client: pg.ClientBase, schemaName: string, table: string, columns: string[], source: Readable): Promise<number> {
  const list = columns.map(quoteIdent).join(", ");
  const copy = client.query(copyFrom(`COPY ${qualified(schemaName, table)} (${list}) FROM STDIN WITH (FORMAT csv, HEADER MATCH)`));
  await pipeline(source, copy);
  return copy.rowCount ?? 0;
}

/** The columns of each table of the schema, for checking an archive's CSV headers before anything is loaded. */
export async function tableColumns(client: pg.ClientBase, schemaName: string): Promise<Map<string, Set<string>>> {
  const r = await client.query<{ table: string; column: string }>(
    `SELECT c.relname AS table, a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`,
    [schemaName],
  );
  const out = new Map<string, Set<string>>();
  for (const row of r.rows) {
    if (!out.has(row.table)) out.set(row.table, new Set());
    out.get(row.table)!.add(row.column);
  }
  return out;
}

/** After COPY wrote explicit ids: each serial or identity sequence continues after the largest loaded value. */
export async function resetSequences(client: pg.ClientBase, schemaName: string): Promise<void> {
  const cols = await client.query<{ table: string; column: string; seq: string }>(
    `SELECT * FROM (
       SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(format('%I.%I', $1::text, c.relname), a.attname) AS seq
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
     ) s WHERE seq IS NOT NULL`,
    [schemaName],
  );
  for (const c of cols.rows) {
    await client.query(`SELECT setval($1, COALESCE((SELECT max(${quoteIdent(c.column)}) FROM ${qualified(schemaName, c.table)}), 0) + 1, false)`, [c.seq]);
  }
}
