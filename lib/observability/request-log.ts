import { log } from "@/lib/observability/logger";
import type { RequestObservation } from "@/lib/observability/request-observation";

const requestLog = log.child({ component: "http" });

/**
 * One line per API request or server action. Levels: `error` for a 5xx (our
 * fault, someone should look), `warn` for a 429 (a caller, or the platform, at
 * a limit), `info` for everything else — a 400, 401, 403, 404 or 409 is the
 * API doing its job, and `status`/`error_code` are there to filter on.
 */
export function logRequest(o: RequestObservation): void {
  const level = o.status >= 500 ? "error" : o.status === 429 ? "warn" : "info";
  requestLog[level](
    {
      kind: o.kind,
      request_id: o.requestId,
      tenant_id: o.tenantId,
      actor: o.actor ? `${o.actor.kind}:${o.actor.id}` : null,
      method: o.method,
      route: o.route,
      status: o.status,
      duration_ms: Math.round(o.durationMs * 10) / 10,
      error_code: o.errorCode,
    },
    o.kind === "api" ? "request" : "action",
  );
}
