import { parse as parseArrayLiteral } from "postgres-array";
import type { SqlCell } from "@/lib/schemas/sql-query";

/**
 * Console cells are serialised from PostgreSQL's text output, never from the
 * driver's JavaScript conversions (which turn int8 into lossy numbers in some
 * configurations and `timestamp` into a Date in the server process's zone).
 */

/** How a column's text turns into JSON, from pg_type. */
export type ColumnCodec = { oid: number; typmod: number; name: string; category: string; element: ColumnCodec | null };

// JSON numbers only where JavaScript holds every value exactly.
const EXACT_NUMBERS = new Set([21, 23, 26, 700, 701]); // int2, int4, oid, float4, float8
const BOOL = 16;
const BYTEA = 17;
const JSON_TYPES = new Set([114, 3802]); // json, jsonb
const TIMESTAMPTZ = 1184;
const TIMESTAMP = 1114;

function bytesToBase64(text: string): string {
  // bytea's output is hex (`\x…`, the server default since 9.0); escape format is decoded by Buffer too rarely to matter, so it is passed through.
  return text.startsWith("\\x") ? Buffer.from(text.slice(2), "hex").toString("base64") : Buffer.from(text, "latin1").toString("base64");
}

/** `2025-01-02 03:04:05.678+01` → `2025-01-02T03:04:05.678+01:00`; infinity and BC stay as PostgreSQL wrote them. */
function isoTimestamp(text: string, withZone: boolean): string {
  const m = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?(?::(\d{2}))?$/.exec(text);
  if (withZone && m && !m[5]) return `${m[1]}T${m[2]}${m[3]}:${m[4] ?? "00"}`;
  const plain = /^(\d{4,}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(text);
  if (!withZone && plain) return `${plain[1]}T${plain[2]}`;
  return text;
}

export function serialiseCell(text: string | null, codec: ColumnCodec): SqlCell {
  if (text === null) return null;
  if (codec.element) return parseArrayLiteral(text, (v) => serialiseCell(v, codec.element as ColumnCodec));
  const { oid } = codec;
  if (EXACT_NUMBERS.has(oid)) {
    const n = Number(text);
    // NaN and ±Infinity have no JSON number.
    return Number.isFinite(n) ? n : text;
  }
  if (oid === BOOL) return text === "t";
  if (oid === BYTEA) return bytesToBase64(text);
  if (JSON_TYPES.has(oid)) return JSON.parse(text) as SqlCell;
  if (oid === TIMESTAMPTZ) return isoTimestamp(text, true);
  if (oid === TIMESTAMP) return isoTimestamp(text, false);
  // int8, numeric, money, dates, times, intervals, uuids, text, enums, composites: PostgreSQL's own text.
  return text;
}
