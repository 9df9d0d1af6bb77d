import { afterAll, inject } from "vitest";
import { closePools } from "@/lib/db/pools";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production-0123456789";
process.env.APP_ROOT_DOMAIN ??= "localhost:3000";
// The per-request API limits (seed 000's classes) are out of the way of tests about other things,
// which reuse one key across many calls; tests/integration/api-rate-limits.test.ts sets small ones.
process.env.RATE_LIMIT_TENANT_CREATE_PER_HOUR ??= "100000";
process.env.RATE_LIMIT_TENANT_QUERIES_PER_MINUTE ??= "100000";
process.env.RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR ??= "100000";
process.env.RATE_LIMIT_RESOURCE_USAGE_PER_MINUTE ??= "100000";
process.env.RATE_LIMIT_SCHEMA_OPERATIONS_PER_MINUTE ??= "100000";
// Route handlers are called as Atrium's server hands requests to Next: the client's
// address, worked out from the socket, in x-atrium-client-ip (lib/http/client-ip.ts).
process.env.ATRIUM_SERVER ??= "1";
// One JSON line per request would bury the test output; tests/integration/request-log.test.ts reads the info lines itself.
process.env.LOG_LEVEL ??= "warn";

afterAll(async () => {
  // Atrium's own API calls are buffered (lib/usage/api-call-meter.ts): written before the pools go.
  await (globalThis as { __atriumApiCallMeter?: { flush(): Promise<void> } }).__atriumApiCallMeter?.flush();
  await closePools();
});
