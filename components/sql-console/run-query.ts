import type { SqlQueryRequest, SqlQueryResult } from "./query-types";

export type QueryFailure = { status: number; code: string; message: string; position: number | null; reason: string | null; sqlstate: string | null };
export type QueryOutcome = { ok: true; data: SqlQueryResult } | ({ ok: false } & QueryFailure);

/**
 * POSTs a statement to the tenant's query API with the session cookie. Unlike
 * postApi, it keeps the error's details: a rejection carries the reason and the
 * 0-based offset the editor marks.
 */
export async function runTenantQuery(tenantId: string, body: SqlQueryRequest, signal?: AbortSignal): Promise<QueryOutcome> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/tenants/${encodeURIComponent(tenantId)}/query`, {
      method: "POST",
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    return { ok: false, status: 0, code: "network_error", message: "Could not reach the server; check your connection and try again.", position: null, reason: null, sqlstate: null };
  }
  const json = (await res.json().catch(() => null)) as { status?: string; data?: SqlQueryResult; error?: { code?: string; message?: string; details?: unknown } } | null;
  if (res.ok && json?.status === "success" && json.data) return { ok: true, data: json.data };
  const details = json?.error?.details;
  const d = details && typeof details === "object" && !Array.isArray(details) ? (details as { position?: unknown; reason?: unknown; sqlstate?: unknown }) : {};
  // Field errors (400 validation_error) are a list naming the field: say which.
  const field = Array.isArray(details) ? (details as { path?: unknown; message?: unknown }[]).find((x) => typeof x.path === "string") : undefined;
  return {
    ok: false,
    status: res.status,
    code: json?.error?.code ?? "http_error",
    message: (json?.error?.message ?? `Request failed (${res.status})`) + (field ? ` (${String(field.path)}: ${String(field.message)})` : ""),
    position: typeof d.position === "number" && Number.isInteger(d.position) && d.position >= 0 ? d.position : null,
    reason: typeof d.reason === "string" ? d.reason : null,
    sqlstate: typeof d.sqlstate === "string" ? d.sqlstate : null,
  };
}
