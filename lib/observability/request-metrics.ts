import { atriumMetrics } from "@/lib/observability/metrics/registry";
import type { RequestObservation } from "@/lib/observability/request-observation";

/** One answered API request or server action into the request counter and the latency histogram. */
export function recordRequestMetrics(o: RequestObservation): void {
  const { requests, duration } = atriumMetrics();
  requests.inc({ kind: o.kind, method: o.method, route: o.route, status: String(o.status) });
  duration.observe({ kind: o.kind, method: o.method, route: o.route, status_class: `${Math.floor(o.status / 100)}xx` }, o.durationMs / 1000);
}
