// Two production instances on one database behind Caddy (deploy/Caddyfile): each serves the
// console; sessions work whichever instance answers (they live in PostgreSQL and the cookie is
// signed with the NEXTAUTH_SECRET all instances share); and what instances share through
// PostgreSQL rather than memory holds across them: the host cache's invalidation
// (LISTEN/NOTIFY), rate-limit counters and Idempotency-Keys.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { hostRequest } from "../../scripts/lib/host-request";
import { api, createTenant, platformKey, targets, type Target } from "./support/api";
import { signIn } from "./support/sign-in";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";
import { workerStarted } from "./support/worker-log";

let cluster: TwoInstances;
let to: ReturnType<typeof targets>;
beforeAll(async () => {
  // Staff sign in with a password here; two-factor sign-in has its own e2e tests.
  cluster = await startTwoInstances({ env: { REQUIRE_STAFF_2FA: "false" } });
  to = targets(cluster);
});
afterAll(async () => {
  await cluster?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The three ways in, each several times: A, B, and Caddy (round robin over both). */
const everyWay = (): Target[] => [to.a, to.b, to.caddy, to.caddy, to.caddy, to.caddy, to.a, to.b];

describe("two instances behind Caddy", () => {
  it("each instance serves the console's sign-in page on the public host", async () => {
    for (const instance of [cluster.a, cluster.b]) {
      const res = await hostRequest(instance.url, { host: cluster.rootDomain, path: "/login" });
      expect(res.status, instance.name).toBe(200);
      expect(res.body).toContain("Sign in");
    }
  });

  it("Caddy serves the sign-in page over TLS with its internal CA's certificate", async () => {
    for (let i = 0; i < 4; i++) {
      const res = await cluster.viaCaddy({ host: cluster.rootDomain, path: "/login" });
      expect(res.status).toBe(200);
      expect(res.body).toContain("Sign in");
    }
  });

  it("the live probe answers on the instances' own addresses (Caddy's health checks)", async () => {
    for (const instance of [cluster.a, cluster.b]) {
      const res = await hostRequest(instance.url, { host: `127.0.0.1:${instance.port}`, path: "/api/health/live" });
      expect(res.status).toBe(200);
    }
  });

  it("both instances start their job worker (two at once on a fresh database deadlocked in pg-boss's createQueue)", async () => {
    await Promise.all([workerStarted(cluster.a), workerStarted(cluster.b)]);
  });
});

describe("sessions across instances", () => {
  it("a staff member signed in on the console (steps spread over A, B and Caddy) is signed in on A, on B and through Caddy", async () => {
    const admin = inject("admin");
    const host = cluster.rootDomain;
    const cookie = await signIn([to.a, to.b, to.caddy], { host, email: admin.email, password: admin.password });
    for (const target of everyWay()) {
      const res = await api(target, { host, path: "/api/v1/tenants?page_size=1", cookie });
      expect(res.status, target.name).toBe(200);
      expect(res.data.tenants, target.name).toBeInstanceOf(Array);
      const session = await api(target, { host, path: "/api/auth/session", cookie });
      expect(session.json<{ user?: { email?: string } }>().user?.email, target.name).toBe(admin.email);
    }
    // Without the cookie the same call is refused everywhere: the 200s above are the session's doing.
    for (const target of [to.a, to.b, to.caddy]) {
      expect((await api(target, { host, path: "/api/v1/tenants?page_size=1" })).status, target.name).toBe(401);
    }
  });

  it("a member signed in on their tenant's portal host is signed in on A, on B and through Caddy", async () => {
    const host = `acme.${cluster.rootDomain}`;
    const cookie = await signIn([to.caddy, to.b, to.a], { host, email: "jane@acme.example", password: inject("staffPassword") });
    for (const target of everyWay()) {
      const page = await target.send({ host, path: "/members", headers: { cookie } });
      expect(page.status, target.name).toBe(200);
      expect(page.body, target.name).toContain("jane@acme.example");
      const session = await api(target, { host, path: "/api/auth/session", cookie });
      expect(session.json<{ user?: { email?: string } }>().user?.email, target.name).toBe("jane@acme.example");
    }
    for (const target of [to.a, to.b, to.caddy]) {
      const page = await target.send({ host, path: "/members" });
      expect(page.status, target.name).toBe(307);
      expect(page.headers.location, target.name).toContain("/login");
    }
  });
});

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
