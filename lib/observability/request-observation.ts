import { logRequest } from "@/lib/observability/request-log";
import { recordRequestMetrics } from "@/lib/observability/request-metrics";

/**
 * One finished API request or server action, as the logs and the metrics see it.
 * `route` is the template (`GET /api/v1/tenants/{id}`) or the action's name, never
 * the concrete path: metrics labels stay bounded and no id or token lands in a label.
 */
export type RequestObservation = {
  kind: "api" | "action";
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  tenantId: string | null;
  actor: { kind: string; id: string } | null;
  errorCode: string | null;
};

/** Called once per request by apiRoute and runAction; observers must never throw into the request. */
export function observeRequest(o: RequestObservation): void {
  try {
    logRequest(o);
  } catch {
    // a logging failure never fails a request
  }
  try {
    recordRequestMetrics(o);
  } catch {
    // nor does a metrics failure
  }
}
