// A staff session (console) and a member session (a tenant's portal) signed in through
// the real sign-in steps work on whichever instance answers: sessions live in PostgreSQL
// and the cookie is signed with the NEXTAUTH_SECRET all instances share.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { api, targets, type Target } from "./support/api";
import { signIn } from "./support/sign-in";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";

let cluster: TwoInstances;
let to: ReturnType<typeof targets>;
beforeAll(async () => {
  cluster = await startTwoInstances({ env: { REQUIRE_STAFF_2FA: "false" } });
  to = targets(cluster);
});
afterAll(async () => {
  await cluster?.stop();
});

/** The three ways in, each several times: A, B, and Caddy (round robin over both). */
const everyWay = (): Target[] => [to.a, to.b, to.caddy, to.caddy, to.caddy, to.caddy, to.a, to.b];

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
