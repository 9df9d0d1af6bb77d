import { createHash } from "node:crypto";
import type { Caller } from "@/lib/auth/caller";
import { appPool } from "@/lib/db/pools";
import { AppError } from "@/lib/http/errors";

const TTL_HOURS = 24;
const RETRYABLE = new Set([409, 412, 429]);
const REPLAYED_HEADERS = ["location", "etag", "preference-applied"];

/**
 * Idempotency-Key for POST (Stripe's semantics): the first request with a key
 * runs and its response is kept for 24 h; a retry with the same key and body
 * gets that response again; the same key with a different body is refused.
 * Answers that say "try again" (409, 412, 429 and 5xx) are not kept, so the
 * retry really runs; a request abandoned mid-way (its process died) frees the
 * key after a minute.
 */
export async function withIdempotency(caller: Caller, req: Request, bodyText: string, run: () => Promise<Response>): Promise<Response> {
  const key = req.headers.get("idempotency-key");
  if (!key) return run();
  if (key.length > 255) throw new AppError("invalid_request", "Idempotency-Key must be at most 255 characters");
  const callerId = `${caller.kind}:${caller.id}`;
  const path = new URL(req.url).pathname;
  const hash = createHash("sha256").update(`${req.method} ${path}\n${bodyText}`).digest("hex");
  const pool = appPool();
  await pool.query(
    `DELETE FROM idempotency_keys WHERE caller_id = $1 AND key = $2
       AND (created_at < now() - interval '${TTL_HOURS} hours' OR (status_code IS NULL AND created_at < now() - interval '1 minute'))`,
    [callerId, key],
  );
  const inserted = await pool.query(
    "INSERT INTO idempotency_keys (caller_id, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
    [callerId, key, req.method, path, hash],
  );
  if (inserted.rowCount === 0) {
    const { rows } = await pool.query<{ request_hash: string; status_code: number | null; response_body: unknown; response_headers: Record<string, string> | null }>(
      "SELECT request_hash, status_code, response_body, response_headers FROM idempotency_keys WHERE caller_id = $1 AND key = $2",
      [callerId, key],
    );
    const prior = rows[0];
    if (!prior) return run();
    if (prior.request_hash !== hash) throw new AppError("idempotency_key_reused", "This Idempotency-Key was used with a different request");
    if (prior.status_code === null) throw new AppError("idempotency_request_in_progress", "A request with this Idempotency-Key is still being processed", undefined, { "Retry-After": "1" });
    return new Response(JSON.stringify(prior.response_body), {
      status: prior.status_code,
      headers: { ...prior.response_headers, "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store", "Idempotent-Replayed": "true" },
    });
  }
  let response: Response;
  try {
    response = await run();
  } catch (err) {
    await pool.query("DELETE FROM idempotency_keys WHERE caller_id = $1 AND key = $2", [callerId, key]);
    throw err;
  }
  if (response.status >= 500 || RETRYABLE.has(response.status)) {
    await pool.query("DELETE FROM idempotency_keys WHERE caller_id = $1 AND key = $2", [callerId, key]);
    return response;
  }
  const body = await response.clone().json();
  const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h)!]] : [])));
  await pool.query("UPDATE idempotency_keys SET status_code = $3, response_body = $4, response_headers = $5 WHERE caller_id = $1 AND key = $2", [
    callerId,
    key,
    response.status,
    JSON.stringify(body),
    JSON.stringify(headers),
  ]);
  return response;
}
