import type { RequestObservation } from "@/lib/observability/request-observation";

/** Placeholder: the structured request log (pino) is written here. */
export function logRequest(o: RequestObservation): void {
  void o;
}
