// Portal pages on a production instance listening on one address (scripts/server.ts -H 127.0.0.1, as
// the cluster and the bench run it): every portal page is a rewrite by the proxy, and Next served
// those by proxying over HTTP to "localhost" — an unknown host — until the request timed out,
// whenever its own name differed from the -H address.
import { encode } from "next-auth/jwt";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createAuthSession } from "@/lib/auth/sessions/create-auth-session";
import { clusterPorts, startInstance, type Instance } from "../../scripts/lib/cluster";
import { hostRequest } from "../../scripts/lib/host-request";
import { createTenantThrough, mintPlatformKey } from "./support/observability-fixtures";

const port = clusterPorts().base + 10;
const rootDomain = `localhost:${port}`;
let instance: Instance | undefined;
let tenant: { id: string; slug: string };
let key: string;

beforeAll(async () => {
  instance = await startInstance({ name: "portal-page", port, databaseUrl: inject("databaseUrl"), rootDomain, env: { NEXTAUTH_SECRET: inject("nextauthSecret") } });
  key = await mintPlatformKey();
  tenant = await createTenantThrough(instance.url, rootDomain, key);
  // Provisioning is the instance's pg-boss job: the portal serves the tenant once it is active.
  for (const deadline = Date.now() + 60_000; ; ) {
    const res = await hostRequest(instance.url, { host: rootDomain, path: `/api/v1/tenants/${tenant.id}`, headers: { authorization: `Bearer ${key}` } });
    if (res.json<{ data: { tenant: { status: string } } }>().data.tenant.status === "active") break;
    if (Date.now() > deadline) throw new Error(`tenant ${tenant.slug} was not active within 60 s: ${res.body}`);
    await new Promise((r) => setTimeout(r, 500));
  }
});
afterAll(async () => {
  await instance?.stop();
});

async function ownerCookie(host: string): Promise<string> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  const { rows } = await client.query<{ user_id: string }>("SELECT user_id FROM memberships WHERE tenant_id = $1 AND role = 'owner'", [tenant.id]).finally(() => client.end());
  const userId = rows[0].user_id;
  const { id } = await createAuthSession({ userId, kind: "member", tenantId: tenant.id, host, ip: "127.0.0.1", userAgent: "cluster test", method: "password", secondFactor: null });
  return `next-auth.session-token=${await encode({ token: { sub: userId, host, kind: "member", tenantId: tenant.id, sid: id }, secret: inject("nextauthSecret") })}`;
}

describe("portal pages on an instance bound to 127.0.0.1", () => {
  it("serves the tenant's sign-in page and a signed-in member's home page, each within 15 s", async () => {
    const host = `${tenant.slug}.${rootDomain}`;
    const login = await hostRequest(instance!.url, { host, path: "/login", timeoutMs: 15_000 });
    expect(login.status).toBe(200);
    expect(login.body).toContain("Sign in");

    const home = await hostRequest(instance!.url, { host, path: "/", headers: { cookie: await ownerCookie(host) }, timeoutMs: 15_000 });
    expect(home.status).toBe(200);
    expect(home.body).toContain("Signed in as");
    expect(home.body).toContain(`Observed ${tenant.slug}`);
  });
});
