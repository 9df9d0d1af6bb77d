import { AppError, asAppError } from "@/lib/http/errors";
import { log } from "@/lib/observability/logger";

const BASE_HEADERS = { "Cache-Control": "private, no-store", "Content-Type": "application/json; charset=utf-8" };

export function success(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify({ status: "success", data }), { status: init.status ?? 200, headers: { ...BASE_HEADERS, ...init.headers } });
}

// The error code of each envelope failure() built, for the request log (the body is a stream, not to be read twice).
const errorCodes = new WeakMap<Response, string>();

/** The envelope for any thrown value. Unexpected errors never show their message. */
export function failure(err: unknown, requestId?: string): Response {
  const known = asAppError(err);
  const e = known ?? new AppError("internal_error", "Something went wrong on our side. The request id identifies it in the logs.", requestId ? { request_id: requestId } : undefined);
  if (!known) log.error({ err, request_id: requestId ?? null }, "unexpected error answering a request");
  const body = { status: "error", error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
  const res = new Response(JSON.stringify(body), { status: e.status, headers: { ...BASE_HEADERS, ...e.headers, ...(requestId ? { "X-Request-Id": requestId } : {}) } });
  errorCodes.set(res, e.code);
  return res;
}

/** The code of an error response failure() built; null for anything else (a success, a replayed answer). */
export function errorCodeOf(res: Response): string | null {
  return errorCodes.get(res) ?? null;
}
