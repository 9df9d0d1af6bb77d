import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/http/errors";
import type { SortKey, TenantListFilters, TenantListOrder } from "@/lib/tenants/tenant-list-sql";

/**
 * The tenant list's opaque `cursor`: base64url JSON of where the next page
 * starts (the last row's sort key and id), which page that is, and the total
 * counted on the first page, signed (HMAC-SHA256, key derived from
 * NEXTAUTH_SECRET with its own label) together with the query it belongs to.
 * So a client cannot forge a position, a page number or a total, and a cursor
 * used with other filters, another sort or page size is refused rather than
 * quietly giving the wrong rows. It does not expire: it names no secret data,
 * and it is only ever a starting point inside what the caller may list.
 */

export type CursorState = { key: SortKey; id: string; page: number; total: number };

let cached: { source: string; key: Buffer } | null = null;
function cursorKey(): Buffer {
  const source = process.env.NEXTAUTH_SECRET?.trim();
  if (!source) throw new AppError("internal_error", "NEXTAUTH_SECRET must be set to sign list cursors");
  if (cached?.source !== source) cached = { source, key: Buffer.from(hkdfSync("sha256", source, "atrium-list-cursor", "tenant list cursor v1", 32)) };
  return cached.key;
}

/** What the cursor is bound to: the filters, the order and the page size. */
function queryTag(f: TenantListFilters, o: TenantListOrder): string {
  const canonical = JSON.stringify([o.sort, o.order, o.page_size, f.status ?? null, f.plan ?? null, f.health ?? null, f.search ?? null]);
  return createHash("sha256").update(canonical).digest("base64url").slice(0, 16);
}

const sign = (body: string) => createHmac("sha256", cursorKey()).update(body).digest("base64url");

export function encodeCursor(state: CursorState, f: TenantListFilters, o: TenantListOrder): string {
  const body = Buffer.from(JSON.stringify({ v: 1, q: queryTag(f, o), k: state.key, i: state.id, p: state.page, t: state.total })).toString("base64url");
  return `${body}.${sign(body)}`;
}

const invalid = (message: string) => new AppError("invalid_request", `Invalid cursor: ${message}`, [{ path: "cursor", message }]);

/** The position a cursor names, or 400 invalid_request naming `cursor`. */
export function decodeCursor(cursor: string, f: TenantListFilters, o: TenantListOrder): CursorState {
  const [body, mac, ...rest] = cursor.split(".");
  if (!body || !mac || rest.length) throw invalid("not a cursor this API issued (use pagination.next_cursor as given)");
  const expected = Buffer.from(sign(body));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid("its signature does not match (use pagination.next_cursor as given)");
  let s: { v?: unknown; q?: unknown; k?: unknown; i?: unknown; p?: unknown; t?: unknown };
  try {
    s = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw invalid("not a cursor this API issued");
  }
  if (s.v !== 1 || (typeof s.k !== "string" && typeof s.k !== "number") || typeof s.i !== "string" || !Number.isInteger(s.p) || !Number.isInteger(s.t)) throw invalid("not a cursor this API issued");
  if (s.q !== queryTag(f, o)) throw invalid("it belongs to another query: send the same sort, order, page_size and filters as the request that returned it");
  return { key: s.k, id: s.i, page: s.p as number, total: s.t as number };
}
