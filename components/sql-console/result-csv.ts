import { stringify } from "csv-stringify/browser/esm/sync";

/** A result cell as CSV text: NULL is empty, JSON values (arrays, objects) as JSON. */
const cellText = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === "object" ? JSON.stringify(v) : String(v));

/**
 * A query result as CSV, built in the browser from the rows on screen. Like
 * the audit export, csv-stringify's escape_formulas gives a cell starting
 * with = + - @ a leading ' so a spreadsheet shows it instead of running it.
 */
export function resultToCsv(columns: { name: string }[], rows: unknown[][]): string {
  return stringify(
    rows.map((r) => r.map(cellText)),
    { header: true, columns: columns.map((c, i) => ({ key: String(i), header: c.name })), escape_formulas: true, record_delimiter: "unix" },
  );
}

/** Saves text as a file through a temporary object URL. */
export function downloadText(text: string, filename: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
