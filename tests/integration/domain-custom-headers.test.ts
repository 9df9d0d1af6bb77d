import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tenantDomainsRoute from "@/app/api/v1/tenants/[id]/domains/route";
import { systemCaller } from "@/lib/auth/caller";
import { verifyDomain } from "@/lib/domains/verify-domain";
import { resolveHost, type HostResolution } from "@/lib/tenancy/resolve-host";
import { routeRequest } from "@/lib/tenancy/route-request";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { startDnsServer, type TestDnsServer } from "../support/dns-server";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

let dns: TestDnsServer;
let key: string;
const system = platformActor(systemCaller("test"));

beforeAll(async () => {
  dns = await startDnsServer();
  process.env.DNS_SERVERS = `127.0.0.1:${dns.port}`;
  key = await makeApiKey();
});
afterAll(async () => {
  await dns.close();
});

const newDomain = () => `portal.${uniq("hdr")}.example.com`;

async function eventually(host: string, ms = 10_000): Promise<HostResolution> {
  const until = Date.now() + ms;
  for (;;) {
    const r = await resolveHost(host);
    if (r.kind === "tenant" || Date.now() > until) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe("custom response headers on a tenant's domains", () => {
  it("proxy-control, cookie, hop-by-hop names and unsafe values are 400 naming the header, and nothing is stored", async () => {
    const t = await makeTenant();
    const refused: Record<string, string>[] = [
      { "X-Accel-Redirect": "/internal/secrets" },
      { "X-Sendfile": "/etc/passwd" },
      { "X-Lighttpd-Send-File": "/etc/passwd" },
      { "X-Accel-Expires": "86400" },
      { "Set-Cookie": "session=attacker" },
      { Connection: "close" },
      { "X-Note": "a\r\nSet-Cookie: session=attacker" },
      { "X-Note": "caf\u00e9" },
    ];
    for (const headers of refused) {
      const domain = newDomain();
      const res = await callRoute(tenantDomainsRoute.POST, {
        method: "POST",
        path: `/api/v1/tenants/${t.id}/domains`,
        params: { id: t.id },
        key,
        body: { domains: [{ domain, primary: true, custom_routing: { custom_headers: { "X-Team": "blue", ...headers } } }] },
      });
      const name = Object.keys(headers)[0];
      expect(res.status, name).toBe(400);
      expect(res.json.error.code).toBe("invalid_request");
      expect(res.json.error.details).toEqual([{ path: `domains.0.custom_routing.custom_headers.${name}`, message: expect.any(String) }]);
      expect(res.json.error.message).toContain(`custom_headers.${name}`);
      expect(await ownerQuery("SELECT 1 FROM tenant_domains WHERE domain = $1", [domain])).toEqual([]);
    }
    expect(await ownerQuery("SELECT 1 FROM tenant_domains WHERE tenant_id = $1", [t.id])).toEqual([]);
  });

  it("allowed headers are stored and served; a stored header that no longer passes is dropped when served", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    const res = await callRoute(tenantDomainsRoute.POST, {
      method: "POST",
      path: `/api/v1/tenants/${t.id}/domains`,
      params: { id: t.id },
      key,
      body: { domains: [{ domain, primary: true, custom_routing: { custom_headers: { "X-Team": "blue", "Content-Language": "de-CH" } } }] },
    });
    expect(res.status).toBe(201);
    const d = res.json.data.domains[0];
    dns.txt.set(`_atrium-challenge.${domain}`, [d.verification.value]);
    await verifyDomain(system, t.id, d.id);

    // Saved before the rules tightened (or written around the API): still never applied.
    const stored = { "X-Team": "blue", "X-Accel-Redirect": "/internal/secrets", "X-Sendfile": "/etc/passwd", "Set-Cookie": "s=1", "X-Split": "a\r\nSet-Cookie: s=1", "X-Wide": "caf\u00e9" };
    await ownerQuery("UPDATE tenant_domains SET custom_routing = $2 WHERE id = $1", [d.id, JSON.stringify({ custom_headers: stored })]);
    let resolution = await eventually(domain);
    for (const until = Date.now() + 10_000; Date.now() < until && resolution.kind === "tenant" && !resolution.domain?.customRouting?.custom_headers?.["X-Accel-Redirect"]; ) {
      await new Promise((r) => setTimeout(r, 50));
      resolution = await resolveHost(domain);
    }
    expect(resolution).toMatchObject({ kind: "tenant", domain: { customRouting: { custom_headers: stored } } });
    expect(routeRequest(resolution, "/members")).toEqual({ kind: "rewrite", path: `/t/${t.slug}/members`, noStore: true, headers: { "X-Team": "blue" } });

    // And the proxy's real response carries only the allowed one.
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const served = await proxy(new NextRequest(`http://${domain}:3000/members`, { headers: { host: `${domain}:3000` } }));
    expect(served.headers.get("x-team")).toBe("blue");
    for (const name of ["x-accel-redirect", "x-sendfile", "set-cookie", "x-split", "x-wide"]) expect(served.headers.get(name), name).toBeNull();
  });
});

