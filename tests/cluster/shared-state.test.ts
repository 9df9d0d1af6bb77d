// What instances share through PostgreSQL, not memory: the host cache's invalidation
// (LISTEN/NOTIFY), rate-limit counters and Idempotency-Keys.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, createTenant, platformKey, targets } from "./support/api";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";

let cluster: TwoInstances;
let to: ReturnType<typeof targets>;
beforeAll(async () => {
  cluster = await startTwoInstances();
  to = targets(cluster);
});
afterAll(async () => {
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("state shared between instances", () => {
  it("a tenant suspended through instance A is refused on instance B within 1 s", async () => {
    const key = await platformKey("suspend");
    const created = await createTenant(to.a, { host: cluster.rootDomain, key });
    expect(created.status).toBe(201);
    const tenant = created.data.tenant as { id: string; slug: string };
    const host = `${tenant.slug}.${cluster.rootDomain}`;
    // Both instances have the tenant cached as active (the cache keeps an entry a minute).
    for (const target of [to.a, to.b, to.a, to.b]) {
      expect((await target.send({ host, path: "/api/auth/csrf" })).status, target.name).toBe(200);
    }
    const suspended = await api(to.a, { host: cluster.rootDomain, method: "POST", path: `/api/v1/tenants/${tenant.id}/suspend`, key, body: { reason: "cluster test" } });
    expect(suspended.status).toBe(200);
    const at = Date.now();
    let refused: Awaited<ReturnType<typeof api>> | null = null;
    while (Date.now() - at < 3000) {
      const res = await api(to.b, { host, path: "/api/auth/csrf" });
      if (res.status !== 200) {
        refused = res;
        break;
      }
      await sleep(20);
    }
    const elapsed = Date.now() - at;
    console.info(`instance b refused the tenant ${elapsed} ms after instance a suspended it`);
    expect(refused?.status).toBe(403);
    expect(refused?.errorCode).toBe("tenant_suspended");
    expect(elapsed, `B refused the suspended tenant after ${elapsed} ms`).toBeLessThan(1000);
    // And through Caddy, whichever instance answers.
    for (let i = 0; i < 4; i++) expect((await api(to.caddy, { host, path: "/api/auth/csrf" })).errorCode).toBe("tenant_suspended");
  });

  it("rate limits are shared: the 11th tenant creation in an hour is refused whichever instance gets it", async () => {
    const key = await platformKey("rate");
    for (let i = 0; i < 10; i++) {
      const target = i % 2 === 0 ? to.a : to.b;
      const res = await createTenant(target, { host: cluster.rootDomain, key, headers: { prefer: "respond-async" } });
      expect(res.status, `creation ${i + 1} on ${target.name}`).toBe(202);
    }
    for (const target of [to.a, to.b, to.caddy]) {
      const res = await createTenant(target, { host: cluster.rootDomain, key, headers: { prefer: "respond-async" } });
      expect(res.status, target.name).toBe(429);
      expect(res.errorCode, target.name).toBe("rate_limit_exceeded");
      expect(Number(res.headers["retry-after"]), target.name).toBeGreaterThan(0);
    }
    // Another caller still has its own allowance.
    expect((await createTenant(to.b, { host: cluster.rootDomain, key: await platformKey("rate-other"), headers: { prefer: "respond-async" } })).status).toBe(202);
  });

  it("an Idempotency-Key replay on the other instance replays: same status, same body, Idempotent-Replayed", async () => {
    const key = await platformKey("idem");
    const headers = { "idempotency-key": `cluster-${Date.now()}` };
    const slug = `idem-${Date.now().toString(36)}`;
    const first = await createTenant(to.a, { host: cluster.rootDomain, key, slug, headers });
    expect(first.status).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    for (const target of [to.b, to.caddy, to.caddy]) {
      const again = await createTenant(target, { host: cluster.rootDomain, key, slug, headers });
      expect(again.status, target.name).toBe(201);
      expect(again.headers["idempotent-replayed"], target.name).toBe("true");
      expect(again.json(), target.name).toEqual(first.json());
      expect(again.headers.location, target.name).toBe(first.headers.location);
    }
    // One tenant, not four.
    const list = await api(to.b, { host: cluster.rootDomain, path: `/api/v1/tenants?search=${slug}`, key });
    expect((list.data.tenants as { slug: string }[]).filter((t) => t.slug === slug)).toHaveLength(1);
  });
});
