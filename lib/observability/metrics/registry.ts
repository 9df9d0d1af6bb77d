import { collectDefaultMetrics, Registry } from "prom-client";
import { defineDatabaseGauges } from "@/lib/observability/metrics/database-gauges";
import { defineHostCacheCounter } from "@/lib/observability/metrics/host-cache-counter";
import { definePoolGauges } from "@/lib/observability/metrics/pool-gauges";
import { defineRequestFamilies, type RequestFamilies } from "@/lib/observability/metrics/request-families";

export type AtriumMetrics = RequestFamilies & { registry: Registry };

// Next bundles route handlers, server actions and the proxy separately: globalThis
// keeps one registry per process (as lib/db/pools.ts does for pools), so a scrape
// sees the requests every bundle counted and default metrics are collected once.
const globals = globalThis as unknown as { __atriumMetrics?: AtriumMetrics };

export function atriumMetrics(): AtriumMetrics {
  if (!globals.__atriumMetrics) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const families = defineRequestFamilies(registry);
    definePoolGauges(registry);
    defineHostCacheCounter(registry);
    defineDatabaseGauges(registry);
    globals.__atriumMetrics = { registry, ...families };
  }
  return globals.__atriumMetrics;
}
