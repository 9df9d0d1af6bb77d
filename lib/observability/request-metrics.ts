import type { RequestObservation } from "@/lib/observability/request-observation";

/** Placeholder: the Prometheus request counters and histograms are recorded here. */
export function recordRequestMetrics(o: RequestObservation): void {
  void o;
}
