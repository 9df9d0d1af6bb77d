import { AppError, asAppError } from "@/lib/http/errors";

const BASE_HEADERS = { "Cache-Control": "private, no-store", "Content-Type": "application/json; charset=utf-8" };

export function success(data: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify({ status: "success", data }), { status: init.status ?? 200, headers: { ...BASE_HEADERS, ...init.headers } });
}

/** The envelope for any thrown value. Unexpected errors never show their message. */
export function failure(err: unknown, requestId?: string): Response {
  const known = asAppError(err);
  const e = known ?? new AppError("internal_error", "Something went wrong on our side. The request id identifies it in the logs.", requestId ? { request_id: requestId } : undefined);
  if (!known) console.error(`[${requestId ?? "-"}]`, err);
  const body = { status: "error", error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
  return new Response(JSON.stringify(body), { status: e.status, headers: { ...BASE_HEADERS, ...e.headers, ...(requestId ? { "X-Request-Id": requestId } : {}) } });
}
