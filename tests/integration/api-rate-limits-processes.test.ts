import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { takeLimits } from "@/lib/http/api-rate-limit";
import { uniq } from "../support/fixtures";

// Two app processes sharing one database share every limit: the state is in
// PostgreSQL, never in a process. Each worker is its own Node process with its
// own pool running the app's limiter; together they may pass exactly the limit.

type Worker = { ready: Promise<void>; go: () => void; result: Promise<{ allowed: number; pid: number }> };

function worker(key: string, limit: number, attempts: number): Worker {
  const p = spawn(process.execPath, ["--import", "tsx", "tests/support/rate-limit-worker.ts", key, String(limit), String(attempts), "8"], { env: { ...process.env }, stdio: ["pipe", "pipe", "pipe"] });
  let out = "";
  let err = "";
  let markReady: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  p.stdout.on("data", (c: Buffer) => {
    out += c.toString();
    if (out.includes("ready\n")) markReady();
  });
  p.stderr.on("data", (c: Buffer) => (err += c.toString()));
  const result = new Promise<{ allowed: number; pid: number }>((resolve, reject) =>
    p.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error(`worker exited ${code}: ${err}`)))),
  );
  return { ready: Promise.race([ready, result.then(() => undefined)]), go: () => p.stdin.end("go\n"), result };
}

describe("rate limits across two app processes sharing one database", () => {
  it("two processes hammering one key concurrently pass exactly the limit between them", async () => {
    const key = `api:test:two-processes:${uniq()}`;
    const limit = 60;
    // Both processes start, connect and warm up (taking one each), then go at once.
    const workers = [worker(key, limit, 100), worker(key, limit, 100)];
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    const [a, b] = await Promise.all(workers.map((w) => w.result));
    expect(a.pid).not.toBe(b.pid);
    // Each warm-up took one of the limit too.
    expect(a.allowed + b.allowed + 2).toBe(limit);
    // Both really competed: neither took the whole allowance alone.
    expect(a.allowed).toBeGreaterThan(0);
    expect(b.allowed).toBeGreaterThan(0);
    // And this process, a third, sees the same state: nothing left.
    const policy = { name: "tenant_queries", key, limit, windowSeconds: 60, what: "test requests" };
    const { allowed, states } = await takeLimits([policy]);
    expect(allowed).toBe(false);
    expect(states[0].remaining).toBe(0);
  }, 60_000);
});
