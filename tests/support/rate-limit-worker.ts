// A separate app process for tests/integration/api-rate-limits-processes.test.ts:
// takes `attempts` requests from one policy through the app's own limiter (its
// own pool, its own process), `concurrency` at a time, once told "go" on stdin
// (after it said "ready"), so two workers overlap; prints how many were allowed.
import { closePools } from "@/lib/db/pools";
import { takeLimits } from "@/lib/http/api-rate-limit";

const [key, limit, attempts, concurrency] = process.argv.slice(2);
const policy = { name: "tenant_queries", key, limit: Number(limit), windowSeconds: 60, what: "test requests" };

await takeLimits([policy]); // connect and warm up before the start…
process.stdout.write("ready\n");
await new Promise((r) => process.stdin.once("data", r));
let allowed = 0;
let left = Number(attempts) - 1;
await Promise.all(
  Array.from({ length: Number(concurrency) }, async () => {
    while (left-- > 0) if ((await takeLimits([policy])).allowed) allowed++;
  }),
);
process.stdout.write(`${JSON.stringify({ allowed, pid: process.pid })}\n`);
await closePools();
