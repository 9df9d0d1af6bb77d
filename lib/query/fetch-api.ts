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
