import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { readArchiveFile, type FileCoding } from "@/lib/backups/archive-file";
import type { SchemaDdl } from "@/lib/backups/dump-schema-ddl";
import { storedName, type Manifest } from "@/lib/backups/manifest";
import type { BackupStorage } from "@/lib/backups/storage";
import { quoteIdent as q } from "@/lib/db/quote-ident";

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export type LoadOptions = {
  /** Only these tables (and the constraints, indexes and foreign keys among them). */
  tables?: ReadonlySet<string>;
  /** Rows of tables having `column` outside [start, end) are not loaded (COPY … WHERE). */
  dateRange?: { column: string; start: string; end: string };
  /** Foreign keys of this table are not added (verification loads one table alone: its references would be empty). */
  skipForeignKeysOf?: string;
  /** Called as each phase starts, for progress. */
  onPhase?: (phase: "table_creation" | "data_restoration" | "index_rebuilding" | "verification", detail?: string) => Promise<void> | void;
};

export type LoadResult = { tables: { name: string; rows: number; expected: number | null; filtered: boolean }[]; rows: number };

export function fileCoding(manifest: Manifest, key: Buffer | null, name: string): FileCoding {
  return { compression: manifest.compression === "gzip", key: manifest.encryption ? key : null, aad: `${manifest.backup_id}/${name}` };
}

/**
 * Builds `target` (which must not exist) from the DDL and loads the archive's
 * rows into it, inside the caller's transaction on `client`: either all of it
 * is there at COMMIT or none. Each file's stored SHA-256 is checked as it
 * streams (a changed file fails the COPY, so the transaction), and each
 * table's row count is compared with the manifest's when no date filter applies.
 */
export async function loadIntoSchema(client: pg.ClientBase, storage: BackupStorage, prefix: string, manifest: Manifest, ddl: SchemaDdl, target: string, key: Buffer | null, opts: LoadOptions = {}): Promise<LoadResult> {
  const keep = (t?: string) => !opts.tables || (t !== undefined && opts.tables.has(t));
  await client.query(`CREATE SCHEMA ${q(target)}`);
  await client.query(`SET LOCAL search_path TO ${q(target)}, public`);
  await opts.onPhase?.("table_creation");
  for (const s of ddl.sequences) await client.query(s);
  for (const s of ddl.create_tables) if (keep(s.table)) await client.query(s.sql);

  await opts.onPhase?.("data_restoration");
  const out: LoadResult = { tables: [], rows: 0 };
  const dataFiles = new Map(manifest.files.filter((f) => f.kind === "table_data" && f.table).map((f) => [f.table as string, f]));
  for (const table of ddl.tables) {
    if (!keep(table.name)) continue;
    const file = dataFiles.get(table.name);
    if (!file) continue;
    const m = manifest.tables.find((t) => t.name === table.name);
    const columns = (m?.columns ?? table.columns).map((c) => q(c.name)).join(", ");
    const filterable = opts.dateRange && (m?.timestamp_columns ?? table.timestamp_columns).includes(opts.dateRange.column);
    const where = filterable && opts.dateRange ? ` WHERE ${q(opts.dateRange.column)} >= ${lit(opts.dateRange.start)} AND ${q(opts.dateRange.column)} < ${lit(opts.dateRange.end)}` : "";
    const source = await readArchiveFile(storage, `${prefix}/${storedName(file.name, manifest)}`, fileCoding(manifest, key, file.name), file.sha256);
    // FREEZE: the table was created in this transaction, so its rows can be written frozen (no hint-bit rewrite of every page on first read).
    const sink = client.query(copyFrom(`COPY ${q(table.name)} (${columns}) FROM STDIN WITH (FREEZE)${where}`));
    await pipeline(source, sink);
    const rows = Number(sink.rowCount ?? 0);
    const expected = file.rows ?? null;
    if (!filterable && expected !== null && rows !== expected) throw new Error(`table ${table.name}: loaded ${rows} rows, the manifest says ${expected}`);
    out.tables.push({ name: table.name, rows, expected, filtered: Boolean(filterable) });
    out.rows += rows;
  }

  await opts.onPhase?.("index_rebuilding");
  for (const s of ddl.constraints) if (keep(s.table)) await client.query(s.sql);
  for (const s of ddl.indexes) if (keep(s.table)) await client.query(s.sql);
  for (const s of ddl.foreign_keys) if (keep(s.table) && keep(s.references) && s.table !== opts.skipForeignKeysOf) await client.query(s.sql);
  // setval on a sequence whose table was left out is harmless; an identity one's table must exist.
  for (const s of ddl.sequence_values) {
    const m = /pg_get_serial_sequence\('((?:[^']|'')*)'/.exec(s);
    if (m && !keep(m[1].replace(/''/g, "'").replace(/^"|"$/g, "").replace(/""/g, '"'))) continue;
    await client.query(s);
  }
  return out;
}

/** SHA-256 of a table's COPY text output (in heap order: for a table just loaded, the order it was loaded in). */
export async function tableCopySha256(client: pg.ClientBase, schema: string, table: string, columns: string[]): Promise<string> {
  const hash = createHash("sha256");
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb();
    },
  });
  await pipeline(client.query(copyTo(`COPY ${q(schema)}.${q(table)} (${columns.map(q).join(", ")}) TO STDOUT`)), sink);
  return hash.digest("hex");
}
