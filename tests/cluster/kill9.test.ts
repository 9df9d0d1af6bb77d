import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createPlatformApiKey } from "@/lib/auth/api-keys";
import { systemCaller } from "@/lib/auth/caller";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";

// Writes through Caddy to two instances; one is killed with SIGKILL mid-stream (no drain, no cleanup).
const WRITERS = 4;
/** After the kill, writes started later than this must all succeed (Caddy retries a refused dial on the survivor). */
const RECOVERY_MS = 2_000;
/** How long the stream goes on after the kill. */
const AFTER_KILL_MS = 6_000;

type Write = { slug: string; started: number; ended: number; status: number | string };

let cluster: TwoInstances | undefined;
let owner: pg.Client;
let key: string;

beforeAll(async () => {
  owner = new pg.Client({ connectionString: inject("databaseUrl") });
  await owner.connect();
  key = (await createPlatformApiKey(systemCaller("cluster kill -9 test"), { name: `kill9-${randomBytes(3).toString("hex")}` })).key;
  cluster = await startTwoInstances({ env: { RATE_LIMIT_TENANT_CREATE_PER_HOUR: "100000", RATE_LIMIT_TENANT_QUERIES_PER_MINUTE: "100000", REQUIRE_STAFF_2FA: "false" } });
});

afterAll(async () => {
  await cluster?.stop();
  await owner?.end();
});

describe("kill -9 of one instance behind Caddy during a stream of writes", () => {
  it("loses no acknowledged write, and Caddy sends the writes after it to the survivor", async () => {
    const c = cluster!;
    const run = randomBytes(2).toString("hex");
    const writes: Write[] = [];
    let killedAt = Number.POSITIVE_INFINITY;
    let stopAt = Number.POSITIVE_INFINITY;

    const writer = async (w: number) => {
      for (let n = 0; Date.now() < stopAt; n++) {
        const slug = `k9-${run}-${w}-${n}`;
        const started = Date.now();
        const body = JSON.stringify({ tenant: { name: `Kill nine ${w} ${n}`, slug, admin_user: { email: `owner@${slug}.example`, name: "Owner" } } });
        const status = await c
          .viaCaddy({ host: c.rootDomain, path: "/api/v1/tenants", method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body, timeoutMs: 20_000 })
          .then((r) => r.status, (err: NodeJS.ErrnoException) => err.code ?? err.message);
        writes.push({ slug, started, ended: Date.now(), status });
      }
    };
    const stream = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

    // Kill once writes are flowing through both instances' round robin.
    const deadline = Date.now() + 60_000;
    while (writes.filter((x) => x.status === 201).length < 8) {
      if (Date.now() > deadline) throw new Error(`writes are not flowing: ${JSON.stringify(writes.slice(-5))}`);
      await sleep(100);
    }
    killedAt = Date.now();
    await c.a.kill9();
    stopAt = Date.now() + AFTER_KILL_MS;
    await stream;

    const acknowledged = writes.filter((x) => x.status === 201);
    const stored = await owner.query<{ slug: string }>("SELECT slug FROM tenants WHERE slug = ANY($1)", [acknowledged.map((x) => x.slug)]);
    // Every write that was answered 201 is in the database.
    expect(new Set(stored.rows.map((r) => r.slug))).toEqual(new Set(acknowledged.map((x) => x.slug)));

    // Writes started once the survivor had taken over all succeeded; only those caught in flight on the killed instance may have failed.
    const later = writes.filter((x) => x.started >= killedAt + RECOVERY_MS);
    expect(later.length).toBeGreaterThan(0);
    expect(later.filter((x) => x.status !== 201)).toEqual([]);
    const failed = writes.filter((x) => x.status !== 201);
    for (const f of failed) expect(f.started, `${f.slug} failed with ${f.status}`).toBeLessThan(killedAt + RECOVERY_MS);

    const afterKill = writes.filter((x) => x.started >= killedAt);
    console.log(
      `[kill9] ${writes.length} writes by ${WRITERS} writers, ${acknowledged.length} acknowledged (all stored); ${afterKill.length} started after the kill, ` +
        `${failed.length} failed (${failed.map((f) => `${f.status} at +${f.started - killedAt} ms`).join(", ") || "none"}); first success after the kill at +${Math.min(...afterKill.filter((x) => x.status === 201).map((x) => x.ended - killedAt))} ms`,
    );

    // The survivor keeps serving through Caddy.
    const list = await c.viaCaddy({ host: c.rootDomain, path: `/api/v1/tenants?search=k9-${run}&page_size=100`, headers: { authorization: `Bearer ${key}` } });
    expect(list.status).toBe(200);
  });
});
