import type { ActionResult } from "@/lib/actions/action-result";

/** An error answer of /api/v1 in the browser: the envelope's code and message, and the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** GETs a console API path with the session cookie and unwraps `{status:"success", data}`. */
export async function fetchApi<T>(path: string, init: { signal?: AbortSignal } = {}): Promise<T> {
  const res = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" }, signal: init.signal, cache: "no-store" });
  const body = (await res.json().catch(() => null)) as { status?: string; data?: T; error?: { code?: string; message?: string } } | null;
  if (!res.ok || body?.status !== "success") {
    throw new ApiError(res.status, body?.error?.code ?? "http_error", body?.error?.message ?? `Request failed (${res.status})`);
  }
  return body.data as T;
}

/**
 * POSTs (or PUTs) JSON to a console API path with the session cookie and answers like a
 * server action (ok + data, or the envelope's code, message and field errors),
 * so forms handle both alike. `prefer` sets the Prefer header (e.g. respond-async).
 */
export async function postApi<T>(path: string, body: unknown, opts: { prefer?: string; idempotencyKey?: string; method?: "POST" | "PUT" } = {}): Promise<ActionResult<T>> {
  try {
    const res = await fetch(path, {
      method: opts.method ?? "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        ...(opts.prefer ? { Prefer: opts.prefer } : {}),
        ...(opts.idempotencyKey ? { "Idempotency-Key": opts.idempotencyKey } : {}),
      },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as { status?: string; data?: T; error?: { code?: string; message?: string; details?: unknown } } | null;
    if (res.ok && json?.status === "success") return { ok: true, data: json.data as T };
    const fieldErrors: Record<string, string> = {};
    if (Array.isArray(json?.error?.details)) for (const d of json.error.details as { path?: unknown; message?: unknown }[]) if (typeof d.path === "string" && typeof d.message === "string") fieldErrors[d.path] ??= d.message;
    return { ok: false, code: json?.error?.code ?? "http_error", message: json?.error?.message ?? `Request failed (${res.status})`, fieldErrors };
  } catch {
    return { ok: false, code: "network_error", message: "Could not reach the server; check your connection and try again.", fieldErrors: {} };
  }
}
