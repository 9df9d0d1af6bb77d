import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as tenantDomainsRoute from "@/app/api/v1/tenants/[id]/domains/route";
import * as testRoute from "@/app/api/v1/tenants/[id]/domains/test/route";
import * as domainRoute from "@/app/api/v1/tenants/[id]/domains/[domain_id]/route";
import * as verifyRoute from "@/app/api/v1/tenants/[id]/domains/[domain_id]/verify/route";
import * as primaryRoute from "@/app/api/v1/tenants/[id]/domains/[domain_id]/primary/route";
import * as byDomainRoute from "@/app/api/v1/tenants/by-domain/route";
import * as askRoute from "@/app/api/tls/ask/route";
import { configureDomains } from "@/lib/domains/configure-domains";
import { listDomains } from "@/lib/domains/list-domains";
import { RECORD_GRACE_MS, recheckDomains } from "@/lib/domains/recheck-domains";
import { removeDomain } from "@/lib/domains/remove-domain";
import { setPrimaryDomain } from "@/lib/domains/set-primary-domain";
import { verifyDomain } from "@/lib/domains/verify-domain";
import { resolveHost, type HostResolution } from "@/lib/tenancy/resolve-host";
import { routeRequest } from "@/lib/tenancy/route-request";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { inviteMembers } from "@/lib/invitations/invite-members";
import { systemCaller } from "@/lib/auth/caller";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { startDnsServer, type TestDnsServer } from "../support/dns-server";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember, codeOf, memberActor, ownerOf } from "../support/tenant-members";

let dns: TestDnsServer;
let key: string;
const system = platformActor(systemCaller("test"));
const HOUR = 3_600_000;

beforeAll(async () => {
  dns = await startDnsServer();
  process.env.DNS_SERVERS = `127.0.0.1:${dns.port}`;
  key = await makeApiKey();
});
afterAll(async () => {
  await dns.close();
});

const newDomain = (p = "portal") => `${p}.${uniq("co")}.example.com`;
const publish = (domain: string, token: string) => dns.txt.set(`_atrium-challenge.${domain}`, [token]);
const unpublish = (domain: string) => dns.txt.delete(`_atrium-challenge.${domain}`);

type DomainRow = { id: string; domain: string; status: string; is_primary: boolean; verification_token: string; last_error: string | null; last_checked_at: Date | null; record_missing_since: Date | null; verified_at: Date | null };
const rowOf = async (domain: string) => (await ownerQuery<DomainRow>("SELECT * FROM tenant_domains WHERE domain = $1", [domain]))[0];

/** The NOTIFY-driven eviction is asynchronous: wait (briefly) for the resolution to change. */
async function eventually(host: string, want: HostResolution["kind"], ms = 10_000): Promise<HostResolution> {
  const until = Date.now() + ms;
  for (;;) {
    const r = await resolveHost(host);
    if (r.kind === want || Date.now() > until) return r;
    await new Promise((res) => setTimeout(res, 50));
  }
}

async function addVerified(tenantId: string, domain: string, primary = false) {
  const r = await configureDomains(system, tenantId, { domains: [{ domain, primary }] });
  const d = r.body.domains[0];
  publish(domain, d.verification.value);
  await verifyDomain(system, tenantId, d.id);
  return d;
}

describe("configure and verify", () => {
  it("POST /domains answers with the TXT record to publish and stores a pending domain", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    const res = await callRoute(tenantDomainsRoute.POST, {
      method: "POST",
      path: `/api/v1/tenants/${t.id}/domains`,
      params: { id: t.id },
      key,
      body: { domains: [{ domain: domain.toUpperCase(), primary: true, ssl_enabled: true, redirects: { [`old.${domain}`]: domain } }], routing_rules: { enforce_https: true } },
    });
    expect(res.status).toBe(201);
    const row = await rowOf(domain);
    expect(row).toMatchObject({ status: "pending", is_primary: true });
    expect(row.verification_token).toMatch(/^[0-9a-f]{40}$/);
    // Seed 000 counts the request's domains; the redirect source is reported apart.
    expect(res.json.data).toMatchObject({ domains_configured: 1, redirects_configured: 1, primary_domain: domain, routing_rules: { enforce_https: true } });
    expect(res.json.data.domains.map((d: { domain: string }) => d.domain)).toEqual([domain]);
    expect(res.json.data.redirects).toEqual([expect.objectContaining({ domain: `old.${domain}`, redirects_to: domain, status: "pending", primary: false })]);
    expect(res.json.data.dns_records).toContainEqual(expect.objectContaining({ domain: `old.${domain}`, type: "TXT" }));
    expect(res.json.data.dns_records).toContainEqual({ domain, type: "TXT", host: `_atrium-challenge.${domain}`, value: row.verification_token, ttl: 300, purpose: "verification" });
    expect(res.json.data.dns_records).toContainEqual(expect.objectContaining({ domain, type: "CNAME", host: domain, value: "localhost" }));
    expect((await rowOf(`old.${domain}`)).is_primary).toBe(false);
    expect(await auditEvents(row.id, "domain.added")).toHaveLength(1);

    // Sent again: settings only; the token stays.
    const again = await callRoute(tenantDomainsRoute.POST, { method: "POST", params: { id: t.id }, key, body: { domains: [{ domain, primary: true, ssl_enabled: false }] } });
    expect(again.status).toBe(200);
    expect(await rowOf(domain)).toMatchObject({ verification_token: row.verification_token, status: "pending" });
    const list = await callRoute(tenantDomainsRoute.GET, { params: { id: t.id }, key });
    expect(list.json.data.domains.map((d: { domain: string }) => d.domain)).toEqual([domain, `old.${domain}`]);
  });

  it("seed 000's two-domain example counts two domains configured, its two redirect sources apart", async () => {
    const t = await makeTenant();
    const [main, portal] = [newDomain("acme"), newDomain("portal")];
    const body = {
      domains: [
        { domain: main, primary: true, ssl_enabled: true, redirects: { [`old.${main}`]: main, [`corp.${main}`]: main } },
        { domain: portal, primary: false, ssl_enabled: true, custom_routing: { path_prefix: "/portal", custom_headers: { "X-Portal-Version": "2.0" } } },
      ],
      routing_rules: { enforce_https: true, www_redirect: true, ssl_expiration_alerts: true },
    };
    const res = await callRoute(tenantDomainsRoute.POST, { method: "POST", path: `/api/v1/tenants/${t.id}/domains`, params: { id: t.id }, key, body });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.json.data).toMatchObject({ domains_configured: 2, redirects_configured: 2, primary_domain: main });
    expect(res.json.data.domains.map((d: { domain: string }) => d.domain)).toEqual([main, portal]);
    expect(res.json.data.redirects.map((d: { domain: string; redirects_to: string }) => [d.domain, d.redirects_to])).toEqual([
      [`old.${main}`, main],
      [`corp.${main}`, main],
    ]);
  });

  it("verify without the record keeps it pending with the reason (the job re-checks for a week); after publishing it verifies", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    const { body } = await configureDomains(system, t.id, { domains: [{ domain }] });
    const id = body.domains[0].id;

    const failed = await callRoute(verifyRoute.POST, { method: "POST", params: { id: t.id, domain_id: id }, key });
    expect(failed.status).toBe(200);
    expect(failed.json.data.domain).toMatchObject({ status: "pending", last_error: `No TXT record at _atrium-challenge.${domain}`, rechecks_until: expect.any(String) });
    expect(new Date(failed.json.data.domain.rechecks_until).getTime() - new Date(failed.json.data.domain.created_at).getTime()).toBe(7 * 24 * HOUR);
    expect((await rowOf(domain)).last_checked_at).not.toBeNull();

    dns.txt.set(`_atrium-challenge.${domain}`, ["someone-elses-token"]);
    expect((await verifyDomain(system, t.id, id)).domain).toMatchObject({ status: "pending", last_error: expect.stringContaining("does not contain this domain's token") });

    publish(domain, body.domains[0].verification.value);
    const ok = await callRoute(verifyRoute.POST, { method: "POST", params: { id: t.id, domain_id: id }, key });
    expect(ok.json.data.domain).toMatchObject({ status: "verified", last_error: null });
    expect((await rowOf(domain)).verified_at).not.toBeNull();
    expect(await auditEvents(id, "domain.verified")).toHaveLength(1);
    expect(dns.queries).toContain(`TXT _atrium-challenge.${domain}`);
  });

  it("a resolver that answers SERVFAIL is reported as a lookup failure, not a missing record", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    const { body } = await configureDomains(system, t.id, { domains: [{ domain }] });
    dns.fail = true;
    try {
      const r = await verifyDomain(system, t.id, body.domains[0].id);
      expect(r.domain).toMatchObject({ status: "pending", last_error: `DNS lookup of _atrium-challenge.${domain} failed (ESERVFAIL)` });
    } finally {
      dns.fail = false;
    }
  });
});

describe("pending window and pasted addresses", () => {
  it("a domain not verified within the 7-day re-check window is failed, and a Verify then says so", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    const { body } = await configureDomains(system, t.id, { domains: [{ domain }] });
    const id = body.domains[0].id;
    expect(body.domains[0]).toMatchObject({ status: "pending", rechecks_until: expect.any(String) });
    await ownerQuery("UPDATE tenant_domains SET created_at = now() - interval '8 days' WHERE id = $1", [id]);
    // Listed as failed (nothing re-checks it any more), though the row itself was never touched.
    expect((await listDomains(system, t.id)).domains[0]).toMatchObject({ status: "failed", rechecks_until: null });
    expect((await verifyDomain(system, t.id, id)).domain).toMatchObject({ status: "failed", last_error: `No TXT record at _atrium-challenge.${domain}` });
    expect(await rowOf(domain)).toMatchObject({ status: "failed" });
  });

  it("an address pasted with scheme, trailing slash or path is reduced to its host; a port or credentials are refused naming the field", async () => {
    const t = await makeTenant();
    const [a, b, c] = [newDomain("a"), newDomain("b"), newDomain("c")];
    const res = await callRoute(tenantDomainsRoute.POST, {
      method: "POST",
      params: { id: t.id },
      key,
      body: { domains: [{ domain: `https://${a}/` }, { domain: `http://${b.toUpperCase()}/login?x=1` }, { domain: `${c}/` }] },
    });
    expect(res.status).toBe(201);
    expect(res.json.data.domains.map((d: { domain: string }) => d.domain)).toEqual([a, b, c]);
    for (const [bad, message] of [
      [`https://${a}:8443/`, "Enter only the domain name, without a port"],
      [`https://user:pw@${a}/`, "Enter only the domain name, without a user name or password"],
      [`ftp://${a}/`, "Enter a domain name such as portal.example.com, or an http(s) address"],
      ["https://192.0.2.7/", "IP addresses are not allowed; enter a domain name"],
    ]) {
      const r = await callRoute(tenantDomainsRoute.POST, { method: "POST", params: { id: t.id }, key, body: { domains: [{ domain: bad }] } });
      expect(r.status, bad).toBe(400);
      expect(r.json.error.details, bad).toContainEqual(expect.objectContaining({ path: "domains.0.domain", message }));
    }
  });
});

describe("re-check job", () => {
  it("verifies pending domains once their record appears, flags a verified domain whose record vanished, and drops it after the grace period", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    const { body } = await configureDomains(system, t.id, { domains: [{ domain, primary: true }] });
    publish(domain, body.domains[0].verification.value);
    const t0 = Date.now();

    await recheckDomains(new Date(t0 + 2 * 60_000), 200, { tenantIds: [t.id] });
    expect(await rowOf(domain)).toMatchObject({ status: "verified", record_missing_since: null });
    expect((await eventually(domain, "tenant")).kind).toBe("tenant");

    // The resolver not answering changes nothing but last_error.
    dns.fail = true;
    await recheckDomains(new Date(t0 + 2 * HOUR), 200, { tenantIds: [t.id] });
    dns.fail = false;
    expect(await rowOf(domain)).toMatchObject({ status: "verified", record_missing_since: null, last_error: expect.stringContaining("ESERVFAIL") });

    unpublish(domain);
    const flaggedAt = new Date(t0 + 4 * HOUR);
    await recheckDomains(flaggedAt, 200, { tenantIds: [t.id] });
    const flagged = await rowOf(domain);
    expect(flagged).toMatchObject({ status: "verified", last_error: `No TXT record at _atrium-challenge.${domain}` });
    expect(flagged.record_missing_since?.getTime()).toBe(flaggedAt.getTime());
    expect(await auditEvents(flagged.id, "domain.record_missing")).toHaveLength(1);
    const listed = (await listDomains(system, t.id)).domains[0];
    expect(listed).toMatchObject({ record_missing: true, status: "verified" });
    // Flagged, still inside the grace period: still served.
    expect((await resolveHost(domain)).kind).toBe("tenant");

    await recheckDomains(new Date(flaggedAt.getTime() + RECORD_GRACE_MS + HOUR), 200, { tenantIds: [t.id] });
    expect(await rowOf(domain)).toMatchObject({ status: "failed" });
    expect(await auditEvents(flagged.id, "domain.verification_lost")).toHaveLength(1);
    expect((await eventually(domain, "unknown")).kind).toBe("unknown");
  });

  it("a record that comes back clears the flag", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    const d = await addVerified(t.id, domain);
    unpublish(domain);
    await recheckDomains(new Date(Date.now() + 2 * HOUR), 200, { tenantIds: [t.id] });
    expect((await rowOf(domain)).record_missing_since).not.toBeNull();
    publish(domain, d.verification.value);
    await recheckDomains(new Date(Date.now() + 3 * HOUR), 200, { tenantIds: [t.id] });
    expect(await rowOf(domain)).toMatchObject({ status: "verified", record_missing_since: null, last_error: null });
  });
});

describe("uniqueness and hostile input", () => {
  it("a domain another tenant has verified is 400 domain_already_used naming the field, and nothing of the request is written", async () => {
    const [a, b] = [await makeTenant(), await makeTenant()];
    const domain = newDomain();
    await addVerified(a.id, domain);
    const free = newDomain();
    const res = await callRoute(tenantDomainsRoute.POST, { method: "POST", params: { id: b.id }, key, body: { domains: [{ domain: free }, { domain }] } });
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: "domain_already_used", details: [{ path: "domains.1.domain" }] });
    expect(await rowOf(free)).toBeUndefined();
  });

  it("a domain is claimed by proof, not by typing it first: a squatter's pending entry blocks nobody, and of two tenants proving it, one wins", async () => {
    const tenants = await Promise.all([makeTenant(), makeTenant(), makeTenant()]);
    const domain = newDomain();
    const added = await Promise.all(tenants.map((t) => configureDomains(system, t.id, { domains: [{ domain }] })));
    expect(await ownerQuery("SELECT 1 FROM tenant_domains WHERE domain = $1", [domain])).toHaveLength(3);
    // The DNS owner publishes two tenants' tokens (it should not, but the race must still end with one owner).
    const token = (i: number) => added[i].body.domains[0].verification.value;
    dns.txt.set(`_atrium-challenge.${domain}`, [token(0), token(1)]);
    const results = await Promise.all([0, 1].map((i) => verifyDomain(system, tenants[i].id, added[i].body.domains[0].id)));
    const winner = results.findIndex((r) => r.domain.status === "verified");
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(results[1 - winner].domain).toMatchObject({ status: "pending", last_error: "Another tenant has already verified this domain" });
    expect(await ownerQuery("SELECT tenant_id FROM tenant_domains WHERE domain = $1 AND status = 'verified'", [domain])).toEqual([{ tenant_id: tenants[winner].id }]);
    // The third tenant's pending entry proves it too, later: the re-check job does not hand the domain over.
    dns.txt.set(`_atrium-challenge.${domain}`, [token(winner), token(2)]);
    await recheckDomains(new Date(Date.now() + 5 * 60_000), 200, { tenantIds: [tenants[2].id] });
    expect((await ownerQuery<{ status: string; last_error: string }>("SELECT status, last_error FROM tenant_domains WHERE tenant_id = $1", [tenants[2].id]))[0]).toMatchObject({ status: "pending", last_error: "Another tenant has already verified this domain" });
    // And once verified, adding it to yet another tenant is refused.
    const fresh = await makeTenant();
    expect(await codeOf(configureDomains(system, fresh.id, { domains: [{ domain }] }))).toBe("domain_already_used");
  });

  it.each([
    ["127.0.0.1"],
    ["[::1]"],
    ["::1"],
    ["localhost"],
    ["foo.localhost"],
    ["localhost:3000"],
    ["localhost.:3000"],
    ["acme.localhost"],
    ["a..b"],
    ["single"],
    ["0x7f.1"],
    ["https://evil.example.com:8443/path"],
    ["x".repeat(300)],
    [`${"a".repeat(64)}.example.com`],
  ])("refuses %s with 400 naming the field and writes nothing", async (hostile) => {
    const t = await makeTenant();
    const res = await callRoute(tenantDomainsRoute.POST, { method: "POST", params: { id: t.id }, key, body: { domains: [{ domain: hostile }] } });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_request");
    expect(res.json.error.details).toContainEqual(expect.objectContaining({ path: "domains.0.domain" }));
    expect(await ownerQuery("SELECT 1 FROM tenant_domains WHERE tenant_id = $1", [t.id])).toHaveLength(0);
  });

  it("the root domain and its subdomains are Atrium's own", async () => {
    const t = await makeTenant();
    const prev = process.env.APP_ROOT_DOMAIN;
    process.env.APP_ROOT_DOMAIN = "atrium.example.net";
    try {
      for (const d of ["atrium.example.net", "acme.atrium.example.net"]) {
        expect(await codeOf(configureDomains(system, t.id, { domains: [{ domain: d }] }))).toBe("invalid_request");
      }
    } finally {
      process.env.APP_ROOT_DOMAIN = prev;
    }
    expect(await ownerQuery("SELECT 1 FROM tenant_domains WHERE tenant_id = $1", [t.id])).toHaveLength(0);
  });

  it("IDN domains are stored in their ASCII form; unknown fields are refused", async () => {
    const t = await makeTenant();
    const label = uniq("b");
    const r = await configureDomains(system, t.id, { domains: [{ domain: `bücher.${label}.example` }] });
    expect(r.body.domains[0].domain).toBe(`xn--bcher-kva.${label}.example`);
    expect(await codeOf(configureDomains(system, t.id, { domains: [{ domain: newDomain(), cname: "x" }] }))).toBe("invalid_request");
  });
});

describe("routing", () => {
  it("a verified domain resolves to its tenant, a pending one does not; non-primary domains redirect to the primary", async () => {
    const t = await makeTenant();
    const primary = newDomain("www");
    const other = newDomain("old");
    const pending = newDomain("new");
    await addVerified(t.id, primary, true);
    await addVerified(t.id, other);
    await configureDomains(system, t.id, { domains: [{ domain: pending }] });

    const p = await eventually(primary, "tenant");
    expect(p).toMatchObject({ kind: "tenant", tenant: { id: t.id, slug: t.slug }, domain: { isPrimary: true, primaryHost: `${primary}:3000` } });
    expect(routeRequest(p, "/users", "?a=1")).toMatchObject({ kind: "rewrite", path: `/t/${t.slug}/users?a=1` });
    // The dev console's port comes along: custom domains are served on it too.
    expect((await resolveHost(`${primary}:3000`)).kind).toBe("tenant");
    expect((await resolveHost(`${primary}:8080`)).kind).toBe("unknown");

    const o = await eventually(other, "tenant");
    expect(routeRequest(o, "/users", "?a=1")).toEqual({ kind: "redirect", status: 308, location: `http://${primary}:3000/users?a=1` });
    expect((await resolveHost(pending)).kind).toBe("unknown");
    expect(routeRequest(await resolveHost(pending), "/")).toMatchObject({ kind: "rewrite", path: "/t/_/not-found" });
    expect(routeRequest(await resolveHost(pending), "/api/v1/x")).toMatchObject({ kind: "error", status: 404, code: "tenant_not_found" });

    // Changing the primary is seen at once (NOTIFY), and redirects follow it.
    const otherId = (await rowOf(other)).id;
    await setPrimaryDomain(system, t.id, otherId);
    const deadline = Date.now() + 3000;
    let now = await resolveHost(primary);
    while (Date.now() < deadline && !(now.kind === "tenant" && now.domain?.isPrimary === false)) {
      await new Promise((res) => setTimeout(res, 50));
      now = await resolveHost(primary);
    }
    expect(routeRequest(now, "/")).toEqual({ kind: "redirect", status: 308, location: `http://${other}:3000/` });
  });

  it("the proxy itself: 308 to the primary from the stored domain (never the Host header), rewrite on the primary, 404 page for unknown hosts", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const t = await makeTenant();
    const primary = newDomain("www");
    const other = newDomain("old");
    await addVerified(t.id, primary, true);
    await addVerified(t.id, other);
    await eventually(other, "tenant");
    const call = (host: string, path: string, extra: Record<string, string> = {}) => proxy(new NextRequest(`http://${host}${path}`, { headers: { host, ...extra } }));

    const redirected = await call(`${other}:3000`, "/users?x=1", { "x-forwarded-host": "evil.example" });
    expect(redirected.status).toBe(308);
    expect(redirected.headers.get("location")).toBe(`http://${primary}:3000/users?x=1`);
    const served = await call(`${primary}:3000`, "/users");
    expect(served.headers.get("x-middleware-rewrite")).toBe(`http://${primary}:3000/t/${t.slug}/users`);
    expect(served.headers.get("cache-control")).toBe("private, no-store");
    const www = await call("www.localhost:3000", "/tenants");
    expect([www.status, www.headers.get("location")]).toEqual([308, "http://localhost:3000/tenants"]);
    const unknown = await call(`${newDomain()}:3000`, "/");
    expect(unknown.headers.get("x-middleware-rewrite")).toMatch(/\/t\/_\/not-found$/);
    const unknownApi = await call(`${newDomain()}:3000`, "/api/v1/tenants");
    expect(unknownApi.status).toBe(404);
    // The TLS proxy asks by address, on whatever Host it uses.
    const ask = await call("127.0.0.1:3000", "/api/tls/ask");
    expect(ask.headers.get("x-middleware-next")).toBe("1");
  });

  it("tenant-host API answers are private, except the public content-addressed branding assets, whose own caching stays", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const t = await makeTenant();
    const domain = newDomain();
    await addVerified(t.id, domain, true);
    await eventually(domain, "tenant");
    for (const host of [`${t.slug}.localhost:3000`, `${domain}:3000`]) {
      const call = (path: string) => proxy(new NextRequest(`http://${host}${path}`, { headers: { host } }));
      const asset = await call(`/api/v1/tenants/${t.id}/branding/assets/ast_0123abcd`);
      expect(asset.headers.get("x-middleware-next")).toBe("1");
      expect(asset.headers.get("cache-control")).toBeNull();
      for (const path of [`/api/v1/tenants/${t.id}/branding`, `/api/v1/tenants/${t.id}/branding/assets/ast_0123abcd/x`, `/api/v1/tenants/${t.id}/users`]) {
        expect((await call(path)).headers.get("cache-control")).toBe("private, no-store");
      }
    }
  });

  it("www.<root> redirects to the root", async () => {
    const r = await resolveHost("www.localhost:3000");
    expect(routeRequest(r, "/tenants", "?q=1")).toEqual({ kind: "redirect", status: 308, location: "http://localhost:3000/tenants?q=1" });
  });

  it("removing a domain evicts it from the host cache at once (NOTIFY)", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    const d = await addVerified(t.id, domain);
    expect((await eventually(domain, "tenant")).kind).toBe("tenant");
    // Cached now: only the trigger's notification can make the next answer differ within the TTL.
    expect((await resolveHost(domain)).kind).toBe("tenant");
    const res = await callRoute(domainRoute.DELETE, { method: "DELETE", params: { id: t.id, domain_id: d.id }, key });
    expect(res.json.data).toEqual({ id: d.id, domain, removed: true });
    expect((await eventually(domain, "unknown")).kind).toBe("unknown");
    expect(await auditEvents(d.id, "domain.removed")).toHaveLength(1);
    // Freed for another tenant.
    expect(await codeOf(configureDomains(system, (await makeTenant()).id, { domains: [{ domain }] }))).toBe("ok");
  });
});

describe("links", () => {
  it("invitation emails link to the verified primary domain, never to a pending one", async () => {
    const t = await makeTenant();
    const owner = memberActor(t.id, await ownerOf(t.id));
    const pendingPrimary = newDomain("soon");
    await configureDomains(system, t.id, { domains: [{ domain: pendingPrimary, primary: true }] });
    await inviteMembers(owner, t.id, { emails: [`${uniq("a")}@x.test`], role: "member" });
    const verified = newDomain("portal");
    await addVerified(t.id, verified);
    await setPrimaryDomain(system, t.id, (await rowOf(verified)).id);
    await inviteMembers(owner, t.id, { emails: [`${uniq("b")}@x.test`], role: "member" });
    const texts = (await ownerQuery<{ text: string }>("SELECT text FROM mail_outbox WHERE tenant_id = $1 ORDER BY created_at, id", [t.id])).map((m) => m.text);
    expect(texts[0]).toContain(`http://${t.slug}.localhost:3000/invite/`);
    expect(texts[0]).not.toContain(pendingPrimary);
    expect(texts[1]).toContain(`http://${verified}:3000/invite/`);
  });
});

describe("TLS ask, by-domain, domains/test", () => {
  it("the ask endpoint says yes only for verified domains and served tenant subdomains", async () => {
    const t = await makeTenant();
    const verified = newDomain();
    const pending = newDomain();
    await addVerified(t.id, verified);
    await configureDomains(system, t.id, { domains: [{ domain: pending }] });
    await eventually(verified, "tenant");
    const ask = async (d: string) => (await askRoute.GET(new Request(`http://127.0.0.1:3000/api/tls/ask?domain=${encodeURIComponent(d)}`))).status;
    expect(await ask(verified)).toBe(200);
    expect(await ask(verified.toUpperCase())).toBe(200);
    // A served tenant's subdomain, named as in TLS (no port, though the console has one here).
    expect(await ask(`${t.slug}.localhost`)).toBe(200);
    expect(await ask(`nobody-${t.slug}.localhost`)).toBe(404);
    expect(await ask(pending)).toBe(404);
    expect(await ask(newDomain())).toBe(404);
    expect(await ask("127.0.0.1")).toBe(404);
    expect(await ask("")).toBe(404);
    expect((await askRoute.GET(new Request("http://127.0.0.1:3000/api/tls/ask"))).status).toBe(404);
  });

  it("GET /tenants/by-domain returns the tenant, routing and branding of a verified domain; 404 otherwise", async () => {
    const t = await makeTenant();
    const domain = newDomain();
    await addVerified(t.id, domain, true);
    await eventually(domain, "tenant");
    const res = await callRoute(byDomainRoute.GET, { path: `/api/v1/tenants/by-domain?domain=${domain}`, key });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({
      domain,
      tenant: { id: t.id, name: t.name, schema_name: t.schemaName, status: "active" },
      routing: { primary_domain: true, ssl_enabled: true, custom_routing: false },
      branding: { company_name: expect.any(String) },
    });
    const pending = newDomain();
    await configureDomains(system, t.id, { domains: [{ domain: pending }] });
    const missing = await callRoute(byDomainRoute.GET, { path: `/api/v1/tenants/by-domain?domain=${pending}`, key });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("tenant_not_found");
    expect((await callRoute(byDomainRoute.GET, { path: `/api/v1/tenants/by-domain`, key })).status).toBe(400);
  });

  it("POST /domains/test reports what the proxy would do per path", async () => {
    const t = await makeTenant();
    const primary = newDomain();
    const other = newDomain();
    await addVerified(t.id, primary, true);
    await addVerified(t.id, other);
    await eventually(other, "tenant");
    const res = await callRoute(testRoute.POST, { method: "POST", params: { id: t.id }, key, body: { domain: primary, test_paths: ["/", "/users", "/api/v1/whoami"], expected_tenant_id: t.id } });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ domain: primary, overall_status: "healthy", domain_status: { status: "verified" }, routing: { primary_domain: true } });
    expect(res.json.data.resolution_tests).toEqual([
      expect.objectContaining({ path: "/", status: "success", tenant_detected: t.id, target: `/t/${t.slug}` }),
      expect.objectContaining({ path: "/users", status: "success", target: `/t/${t.slug}/users` }),
      expect.objectContaining({ path: "/api/v1/whoami", status: "success", action: "api" }),
    ]);
    const redirect = await callRoute(testRoute.POST, { method: "POST", params: { id: t.id }, key, body: { domain: other, test_paths: ["/x"] } });
    expect(redirect.json.data.resolution_tests[0]).toMatchObject({ status: "redirect", http_status: 308, target: `http://${primary}:3000/x` });
    const unknown = await callRoute(testRoute.POST, { method: "POST", params: { id: t.id }, key, body: { domain: newDomain() } });
    expect(unknown.json.data).toMatchObject({ overall_status: "unhealthy", resolution_tests: [{ path: "/", status: "not_found", tenant_detected: null }] });

    // A member of another tenant learns nothing about whose domain this is.
    const stranger = await makeTenant();
    const strangerOwner = memberActor(stranger.id, await ownerOf(stranger.id));
    const { testDomain } = await import("@/lib/domains/test-domain");
    const probe = await testDomain(strangerOwner, stranger.id, { domain: primary });
    expect(probe.resolution_tests[0]).toMatchObject({ status: "not_this_tenant", tenant_detected: null });
    expect(probe.routing).toBeNull();
  });
});

describe("authorisation", () => {
  it("another tenant's domain id is not found; acting on another tenant is refused; members need domains:manage", async () => {
    const [a, b] = [await makeTenant(), await makeTenant()];
    const { body } = await configureDomains(system, b.id, { domains: [{ domain: newDomain() }] });
    const bDomain = body.domains[0].id;

    const viaA = await callRoute(verifyRoute.POST, { method: "POST", params: { id: a.id, domain_id: bDomain }, key });
    expect(viaA.status).toBe(404);
    expect((await callRoute(domainRoute.DELETE, { method: "DELETE", params: { id: a.id, domain_id: bDomain }, key })).status).toBe(404);
    expect((await callRoute(primaryRoute.POST, { method: "POST", params: { id: a.id, domain_id: bDomain }, key })).status).toBe(404);

    const aOwner = memberActor(a.id, await ownerOf(a.id));
    expect(await codeOf(verifyDomain(aOwner, b.id, bDomain))).toBe("cross_tenant_access_denied");
    expect(await codeOf(removeDomain(aOwner, a.id, bDomain))).toBe("not_found");
    expect(await rowOf(body.domains[0].domain)).toBeDefined();

    const member = memberActor(a.id, (await addMember(a.id, "manager")).id);
    expect(await codeOf(configureDomains(member, a.id, { domains: [{ domain: newDomain() }] }))).toBe("admin_privileges_required");
    expect(await codeOf(listDomains(member, a.id))).toBe("admin_privileges_required");
    const admin = memberActor(a.id, (await addMember(a.id, "admin")).id);
    expect(await codeOf(configureDomains(admin, a.id, { domains: [{ domain: newDomain() }] }))).toBe("ok");
    expect(await ownerQuery("SELECT 1 FROM tenant_domains WHERE tenant_id = $1", [a.id])).toHaveLength(1);

    // Row-level security: a tenant-scoped read cannot see another tenant's domain rows at all.
    const { withTenantScope } = await import("@/lib/db/scope");
    expect(await withTenantScope(a.id, (tx) => tx.tenantDomain.count({ where: { tenantId: b.id } }))).toBe(0);
  });

  it("configure and verify share seed 000's per-tenant domain configuration rate limit", async () => {
    const t = await makeTenant();
    const prev = process.env.RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR;
    process.env.RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR = "2";
    // A key of its own: the limit is per caller too, and the file's shared key has configured many domains.
    const key = await makeApiKey();
    try {
      const first = await callRoute(tenantDomainsRoute.POST, { method: "POST", params: { id: t.id }, key, body: { domains: [{ domain: newDomain() }] } });
      const id = first.json.data.domains[0].id;
      expect((await callRoute(verifyRoute.POST, { method: "POST", params: { id: t.id, domain_id: id }, key })).status).toBe(200);
      const third = await callRoute(verifyRoute.POST, { method: "POST", params: { id: t.id, domain_id: id }, key });
      expect(third.status).toBe(429);
      expect(third.json.error.code).toBe("rate_limit_exceeded");
      expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    } finally {
      if (prev === undefined) delete process.env.RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR;
      else process.env.RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR = prev;
    }
  });

  it("plans without custom_domains cannot add domains", async () => {
    const t = await makeTenant({ plan: "basic" });
    const r = await callRoute(tenantDomainsRoute.POST, { method: "POST", params: { id: t.id }, key, body: { domains: [{ domain: newDomain() }] } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_tenant_config");
  });
});
