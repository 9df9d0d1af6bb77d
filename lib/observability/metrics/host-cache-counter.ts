import { Counter, type Registry } from "prom-client";
import { hostCacheStats } from "@/lib/observability/metrics/host-cache-stats";

/** Hit rate = hit / (hit + miss); counted where the proxy resolves hosts (lib/tenancy/resolve-host.ts). */
export function defineHostCacheCounter(registry: Registry): void {
  new Counter({
    name: "atrium_host_cache_lookups_total",
    help: "Host-to-tenant resolutions by result: hit (answered from this process's cache) or miss (looked up in PostgreSQL)",
    labelNames: ["result"],
    registers: [registry],
    collect() {
      // The counts live outside prom-client, where the proxy's bundle keeps them: copied in at each scrape.
      const { hits, misses } = hostCacheStats();
      this.reset();
      this.inc({ result: "hit" }, hits);
      this.inc({ result: "miss" }, misses);
    },
  });
}
