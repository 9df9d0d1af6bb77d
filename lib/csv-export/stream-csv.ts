import "server-only";
import { stringify } from "csv-stringify/sync";
import { streamQueryInSnapshot } from "@/lib/db/snapshot-stream";

/** Rows per chunk of the file (the snapshot stream's batch). */
export { SNAPSHOT_BATCH_ROWS as CSV_BATCH_ROWS } from "@/lib/db/snapshot-stream";

/** UTF-8 byte order mark: Excel reads the file as UTF-8 only with it (names with accents, CJK); other readers skip it. */
const BOM = "\uFEFF";

export type CsvSelect<Row> = {
  /** The rows, in the file's order. */
  text: string;
  values: unknown[];
  /** How many rows `text` yields (for the export's audit event). */
  countText: string;
  countValues: unknown[];
  columns: readonly string[];
  record: (row: Row) => Record<string, string | number | null>;
};

export type CsvStream = { body: ReadableStream<Uint8Array>; rowCount: number };

/** The row count the audit event records, read in the caller's transaction (the stream's own connection is not held meanwhile). */
export async function countCsvRows(tx: { $queryRawUnsafe: <T>(sql: string, ...values: unknown[]) => Promise<T> }, select: CsvSelect<unknown>): Promise<number> {
  const rows = await tx.$queryRawUnsafe<{ n: bigint | number }[]>(select.countText, ...select.countValues);
  return Number(rows[0]?.n ?? 0);
}

/**
 * A platform-wide list as CSV, streamed from one snapshot a batch at a time
 * (lib/db/snapshot-stream.ts). csv-stringify's escape_formulas gives a cell
 * starting with = + - @ tab or CR a leading ' so a spreadsheet shows it
 * instead of running it.
 */
export async function streamPlatformCsv<Row>(select: CsvSelect<Row>): Promise<ReadableStream<Uint8Array>> {
  return streamQueryInSnapshot<Row>({ kind: "platform" }, select, (rows, first) =>
    (first ? BOM : "") + stringify(rows.map(select.record), { header: first, columns: [...select.columns], escape_formulas: true, record_delimiter: "windows" }),
  );
}

/** Timestamps as ISO 8601 (UTC), empty when absent. */
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** The streamed file as an HTTP answer: a download named `<name>-YYYY-MM-DD.csv`, never cached, never sniffed. */
export function csvDownloadResponse(stream: CsvStream, name: string, now = new Date()): Response {
  return new Response(stream.body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}-${now.toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Total-Count": String(stream.rowCount),
    },
  });
}
