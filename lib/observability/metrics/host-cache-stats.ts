/**
 * Host-cache lookups (lib/tenancy/resolve-host.ts) counted in plain numbers on
 * globalThis: the proxy's bundle counts them without loading prom-client, and
 * the metrics registry reads them at scrape time, in the same process.
 */
type HostCacheStats = { hits: number; misses: number };

const globals = globalThis as unknown as { __atriumHostCacheStats?: HostCacheStats };

export function hostCacheStats(): HostCacheStats {
  return (globals.__atriumHostCacheStats ??= { hits: 0, misses: 0 });
}
