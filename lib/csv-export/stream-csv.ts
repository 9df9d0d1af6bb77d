import "server-only";
import { stringify } from "csv-stringify/sync";
import Cursor from "pg-cursor";
import { appPool } from "@/lib/db/pools";
import { PLATFORM_ROLE } from "@/lib/db/scope";

/**
 * Rows read from PostgreSQL per pull, one chunk of the response: small, so a
 * batch's objects die young and the heap stays flat however long the list
 * (the audit export measured the same).
 */
export const CSV_BATCH_ROWS = 200;

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
 * A platform-wide list as CSV, streamed: one read-only snapshot on one
 * connection (as the platform role), a server-side cursor read a batch at a time only
 * when the response body asks for more (ReadableStream pull, highWaterMark 1),
 * so a slow client holds the query back and the list never sits in memory.
 * csv-stringify's escape_formulas gives a cell starting with = + - @ tab or CR
 * a leading ' so a spreadsheet shows it instead of running it.
 */
export async function streamPlatformCsv<Row>(select: CsvSelect<Row>): Promise<ReadableStream<Uint8Array>> {
  const client = await appPool().connect();
  let cursor: Cursor<Row> | null = null;
  let done = false;
  const finish = async (err?: unknown) => {
    if (done) return;
    done = true;
    try {
      await cursor?.close();
      await client.query(err ? "ROLLBACK" : "COMMIT");
      client.release();
    } catch (e) {
      client.release(e instanceof Error ? e : true);
    }
  };
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await client.query(`SET LOCAL ROLE ${PLATFORM_ROLE}`);
    cursor = client.query(new Cursor<Row>(select.text, select.values));
  } catch (err) {
    await finish(err);
    throw err;
  }

  const encoder = new TextEncoder();
  const format = (rows: Row[], header: boolean) =>
    stringify(rows.map(select.record), { header, columns: [...select.columns], escape_formulas: true, record_delimiter: "windows" });
  let first = true;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const rows = await cursor!.read(CSV_BATCH_ROWS);
          if (rows.length === 0) {
            // An empty list is still a file with its header row.
            if (first) controller.enqueue(encoder.encode(BOM + format([], true)));
            await finish();
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode((first ? BOM : "") + format(rows, first)));
          first = false;
        } catch (err) {
          await finish(err);
          controller.error(err);
        }
      },
      // The client went away: stop reading and give the connection back.
      async cancel() {
        await finish(new Error("export cancelled"));
      },
    },
    { highWaterMark: 1 },
  );
  return body;
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
