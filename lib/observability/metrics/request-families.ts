import { Counter, Histogram, type Registry } from "prom-client";

/** 1 ms to 10 s: a cached by-id read sits in the first buckets, a slow export in the last. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type RequestFamilies = {
  requests: Counter<"kind" | "method" | "route" | "status">;
  duration: Histogram<"kind" | "method" | "route" | "status_class">;
};

/**
 * Labels are route templates ("GET /api/v1/tenants/{id}") or action names,
 * never paths: a label set per route and status, not per tenant or id.
 * The histogram takes the status class so its bucket series stay few.
 */
export function defineRequestFamilies(registry: Registry): RequestFamilies {
  return {
    requests: new Counter({
      name: "atrium_http_requests_total",
      help: "API requests and server actions answered, by kind (api, action), method, route template and status",
      labelNames: ["kind", "method", "route", "status"],
      registers: [registry],
    }),
    duration: new Histogram({
      name: "atrium_http_request_duration_seconds",
      help: "Time to answer an API request or server action, by kind, method, route template and status class",
      labelNames: ["kind", "method", "route", "status_class"],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    }),
  };
}
