import { describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as tenantDomainsRoute from "@/app/api/v1/tenants/[id]/domains/route";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

// Issue 9 §3: seed 000's `domain` field is not a second concept of a custom
// domain. In create and update bodies it adds a pending domain through the
// Domains feature (with its TXT record); GET still answers `domain`: the
// verified primary, else a verified one, else the oldest pending, else null.

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());
const get = async (id: string) => callRoute(tenantRoute.GET, { params: { id }, key: await key() });
const put = async (id: string, body: unknown) => callRoute(tenantRoute.PUT, { method: "PUT", params: { id }, key: await key(), body });
const domainsOf = async (id: string) => (await callRoute(tenantDomainsRoute.GET, { params: { id }, key: await key() })).json.data.domains as { id: string; domain: string; status: string; primary: boolean; verification: { host: string; value: string } }[];
const verify = (tenantId: string, domain: string) => ownerQuery("UPDATE tenant_domains SET status = 'verified', verified_at = now() WHERE tenant_id = $1 AND domain = $2", [tenantId, domain]);

describe("seed 000's domain field maps onto the Domains feature", () => {
  it("POST /tenants with a domain (even pasted as a URL) creates a pending primary domain with its TXT record, and GET shows it", async () => {
    const slug = uniq("dom-");
    const domain = `portal.${slug}.example.com`;
    const res = await callRoute(tenantsRoute.POST, { method: "POST", key: await key(), body: { tenant: { name: `Dom ${slug}`, slug, domain: `https://${domain}/`, admin_user: { email: `o@${slug}.test`, name: "O" } } } });
    expect(res.status).toBe(201);
    const id = res.json.data.tenant.id as string;
    expect(res.json.data.tenant.domain).toBe(domain);

    const listed = await domainsOf(id);
    expect(listed).toEqual([expect.objectContaining({ domain, status: "pending", primary: true, verification: { type: "TXT", host: `_atrium-challenge.${domain}`, value: expect.stringMatching(/^[0-9a-f]{40}$/) } })]);
    expect((await get(id)).json.data.tenant.domain).toBe(domain);
    // Never routes until verified: no second, unverified path to a tenant.
    expect((await ownerQuery("SELECT 1 FROM tenant_domains WHERE tenant_id = $1 AND status = 'verified'", [id])).length).toBe(0);
  });

  it("PUT with a domain adds it pending (not primary when there is one); GET prefers the verified primary; null removes only unverified ones", async () => {
    const t = await makeTenant();
    const first = `a.${uniq("d")}.example.org`;
    const second = `b.${uniq("d")}.example.org`;

    const r1 = await put(t.id, { domain: first });
    expect(r1.status).toBe(200);
    expect(r1.json.data.changes_applied).toEqual(["domain_updated"]);
    expect((await get(t.id)).json.data.tenant.domain).toBe(first);

    await verify(t.id, first);
    const r2 = await put(t.id, { domain: second });
    expect(r2.status).toBe(200);
    // The verified primary still wins what GET shows, so nothing visible changed.
    expect(r2.json.data.changes_applied).toEqual([]);
    expect((await get(t.id)).json.data.tenant.domain).toBe(first);
    expect((await domainsOf(t.id)).map((d) => [d.domain, d.status, d.primary])).toEqual(
      expect.arrayContaining([
        [first, "verified", true],
        [second, "pending", false],
      ]),
    );

    const r3 = await put(t.id, { domain: null });
    expect(r3.status).toBe(200);
    expect((await domainsOf(t.id)).map((d) => d.domain)).toEqual([first]);
    expect((await get(t.id)).json.data.tenant.domain).toBe(first);
  });

  it("the ETag follows the shown domain, so a cached GET cannot keep an old one", async () => {
    const t = await makeTenant();
    const before = (await get(t.id)).headers.get("etag");
    await callRoute(tenantDomainsRoute.POST, { method: "POST", params: { id: t.id }, key: await key(), body: { domains: [{ domain: `c.${uniq("d")}.example.org` }] } });
    const after = await get(t.id);
    expect(after.json.data.tenant.domain).toMatch(/^c\./);
    expect(after.headers.get("etag")).not.toBe(before);
  });

  it("a bad domain is 400 invalid_tenant_config naming the field", async () => {
    const t = await makeTenant();
    const r = await put(t.id, { domain: "https://x.example.com:8443/" });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "invalid_tenant_config", details: [{ path: "domain", message: "Enter only the domain name, without a port" }] });
  });
});
