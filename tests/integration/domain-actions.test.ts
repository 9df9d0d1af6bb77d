import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Server actions read the request through next/headers: each call here carries
// a real request's host, Origin and signed member session cookie.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ toString: () => request.headers.get("cookie") ?? "" }),
}));

import * as actions from "@/lib/actions/domain-actions";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { startDnsServer, type TestDnsServer } from "../support/dns-server";
import { makeTenant, uniq } from "../support/fixtures";
import { addMember } from "../support/tenant-members";
import { sessionTokenForClaims } from "../support/session-cookie";

let dns: TestDnsServer;
beforeAll(async () => {
  dns = await startDnsServer();
  process.env.DNS_SERVERS = `127.0.0.1:${dns.port}`;
});
afterAll(async () => {
  await dns.close();
});

const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;

async function signInAs(userId: string, tenant: { id: string; slug: string }) {
  const token = await sessionTokenForClaims({ sub: userId, host: hostOf(tenant), kind: "member", tenantId: tenant.id });
  request.headers = new Headers({ host: hostOf(tenant), origin: `http://${hostOf(tenant)}`, cookie: `next-auth.session-token=${token}` });
}

function ok<T>(r: { ok: true; data: T } | { ok: false; code: string; message: string }): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.data;
}

describe("domain server actions, as a signed-in member on the tenant's host", () => {
  it("add → verify fails without the TXT record → publish → verified and routing → primary → remove", async () => {
    const t = await makeTenant();
    await signInAs((await addMember(t.id, "admin")).id, t);
    const domain = `portal.${uniq("act")}.example.com`;

    const listed = ok(await actions.listDomainsAction(t.id));
    expect(listed).toEqual({ domains: [], setup: { cnameTarget: "localhost", rootDomain: "localhost:3000", scheme: "http" } });

    const { domain: added } = ok(await actions.addDomainAction(t.id, { domain: domain.toUpperCase(), primary: false }));
    expect(added).toMatchObject({ domain, status: "pending", primary: false, verification: { host: `_atrium-challenge.${domain}` } });

    const failed = ok(await actions.verifyDomainAction(t.id, added.id)).domain;
    expect(failed).toMatchObject({ status: "pending", last_error: `No TXT record at _atrium-challenge.${domain}` });

    dns.txt.set(added.verification.host, [added.verification.value]);
    expect(ok(await actions.verifyDomainAction(t.id, added.id)).domain.status).toBe("verified");
    expect(ok(await actions.setPrimaryDomainAction(t.id, added.id)).domain.primary).toBe(true);
    expect(ok(await actions.listDomainsAction(t.id)).domains).toEqual([expect.objectContaining({ domain, status: "verified", primary: true })]);
    expect((await resolveHost(`${domain}:3000`)).kind).toBe("tenant");

    expect(ok(await actions.removeDomainAction(t.id, added.id))).toEqual({ id: added.id, domain, removed: true });
    expect(ok(await actions.listDomainsAction(t.id)).domains).toEqual([]);
  });

  it("bad domains come back as field errors under the form's path; other tenants and lesser roles reach nothing", async () => {
    const [t, other] = await Promise.all([makeTenant(), makeTenant()]);
    await signInAs((await addMember(t.id, "admin")).id, t);
    for (const [input, message] of [
      ["192.0.2.10", /IP addresses are not allowed/],
      ["app.localhost", /localhost is not allowed/],
      ["https://x.example.com:8080/a", /without a port/],
    ] as const) {
      const r = await actions.addDomainAction(t.id, { domain: input });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.fieldErrors["domains.0.domain"]).toMatch(message);
    }
    expect(await actions.listDomainsAction(other.id)).toMatchObject({ ok: false, code: "cross_tenant_access_denied" });
    expect(await actions.addDomainAction(other.id, { domain: `x.${uniq("o")}.example.com` })).toMatchObject({ ok: false, code: "cross_tenant_access_denied" });

    await signInAs((await addMember(t.id, "viewer")).id, t);
    expect(await actions.listDomainsAction(t.id)).toMatchObject({ ok: false, code: "admin_privileges_required" });
    expect(await actions.addDomainAction(t.id, { domain: `x.${uniq("v")}.example.com` })).toMatchObject({ ok: false, code: "admin_privileges_required" });
  });
});
