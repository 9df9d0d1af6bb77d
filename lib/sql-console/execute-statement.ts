import type pg from "pg";
import Cursor from "pg-cursor";
import type { SqlCell, SqlColumn } from "@/lib/schemas/sql-query";
import { columnCodecs } from "@/lib/sql-console/column-types";
import { serialiseCell } from "@/lib/sql-console/serialise-value";

export type ExecutedStatement = {
  columns: SqlColumn[];
  rows: SqlCell[][];
  /** Rows returned, or rows affected by a write without RETURNING. */
  rowCount: number;
  truncated: boolean;
  executionTimeMs: number;
};

// Every value as PostgreSQL's text: serialise-value.ts decides what JSON it becomes.
const RAW_TEXT: pg.CustomTypesConfig = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

type CursorResult = { fields: pg.FieldDef[]; rowCount: number | null };

function readRows(cursor: Cursor<(string | null)[]>, n: number): Promise<{ rows: (string | null)[][]; result: CursorResult }> {
  return new Promise((resolve, reject) => {
    cursor.read(n, (err, rows, result) => (err ? reject(err) : resolve({ rows, result: result as unknown as CursorResult })));
  });
}

/**
 * Layers 2 and 3 at the wire: the statement goes through the extended-query
 * protocol (Parse/Bind/Execute — pg-cursor always uses it, even with no
 * parameters), so the server parses exactly one statement and binds `values`
 * as data; and rows are fetched through a portal, `limitRows + 1` at most, so
 * a million-row result is never read into memory. Runs on a connection already
 * inside withTenantDb's transaction (role, search_path, timeout set).
 */
export async function executeStatement(client: pg.PoolClient, sql: string, values: readonly unknown[], limitRows: number): Promise<ExecutedStatement> {
  const started = performance.now();
  const cursor = client.query(new Cursor<(string | null)[]>(sql, [...values], { rowMode: "array", types: RAW_TEXT }));
  let fetched: Awaited<ReturnType<typeof readRows>>;
  try {
    fetched = await readRows(cursor, limitRows + 1);
  } finally {
    await cursor.close().catch(() => undefined);
  }
  const executionTimeMs = performance.now() - started;
  const truncated = fetched.rows.length > limitRows;
  const raw = truncated ? fetched.rows.slice(0, limitRows) : fetched.rows;
  const fields = fetched.result.fields ?? [];
  const codecs = await columnCodecs(client, fields);
  const rows = raw.map((row) => row.map((cell, i) => serialiseCell(cell, codecs[i])));
  // A write without RETURNING has no fields: its count is the command tag's.
  const rowCount = fields.length === 0 ? (fetched.result.rowCount ?? 0) : rows.length;
  return { columns: fields.map((f, i) => ({ name: f.name, type: codecs[i].name })), rows, rowCount, truncated, executionTimeMs: round(executionTimeMs) };
}

export const round = (ms: number) => Math.round(ms * 100) / 100;
