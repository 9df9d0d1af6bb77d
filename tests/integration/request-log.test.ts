import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// Server actions read the request through next/headers: each call here carries a real
// request's host, Origin and signed member session cookie, as in the other action tests.
const request = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ toString: () => request.headers.get("cookie") ?? "" }),
}));

import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import { listDomainsAction } from "@/lib/actions/domain-actions";
import { callRoute } from "../support/call-route";
import { captureLogs } from "../support/log-capture";
import { makeApiKey, makeTenant } from "../support/fixtures";
import { sessionTokenForClaims } from "../support/session-cookie";
import { addMember } from "../support/tenant-members";

let logs: ReturnType<typeof captureLogs>;
beforeEach(() => {
  logs = captureLogs("info");
});
afterEach(() => logs.stop());
const requestLines = () => logs.lines.filter((l) => l.component === "http");

let tenant: { id: string; slug: string };
let key: string;
beforeAll(async () => {
  [tenant, key] = await Promise.all([makeTenant(), makeApiKey()]);
});

describe("the request log", () => {
  it("writes one JSON line per API request: request id, tenant, actor, route template, status, duration; never the key", async () => {
    const r = await callRoute(tenantRoute.GET, { path: `/api/v1/tenants/${tenant.id}`, params: { id: tenant.id }, key });
    expect(r.status).toBe(200);
    const [line, ...more] = requestLines();
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      level: "info",
      msg: "request",
      kind: "api",
      request_id: r.headers.get("x-request-id"),
      tenant_id: tenant.id,
      actor: expect.stringMatching(/^api_key:key_[0-9a-f]{16}$/),
      method: "GET",
      route: "GET /api/v1/tenants/{id}",
      status: 200,
      error_code: null,
      pid: process.pid,
    });
    expect(line.duration_ms).toEqual(expect.any(Number));
    expect(new Date(line.time as string).toISOString()).toBe(line.time);
    expect(logs.raw()).not.toContain(key);
  });

  it("carries the error code of a refused request, and a client's request id", async () => {
    const missing = "tenant_0000000000000000";
    const r = await callRoute(tenantRoute.GET, { path: `/api/v1/tenants/${missing}`, params: { id: missing }, key, headers: { "x-request-id": "req_from_client" } });
    expect(r.status).toBe(404);
    expect(requestLines()).toEqual([expect.objectContaining({ level: "info", request_id: "req_from_client", route: "GET /api/v1/tenants/{id}", status: 404, error_code: r.json.error.code })]);

    logs.clear();
    const unauthenticated = await callRoute(tenantsRoute.GET, { headers: { authorization: "Bearer atr_not-a-real-key-but-key-shaped-0123456789" } });
    expect(unauthenticated.status).toBe(401);
    expect(requestLines()).toEqual([expect.objectContaining({ route: "GET /api/v1/tenants", status: 401, error_code: "authentication_required", actor: null, tenant_id: null })]);
    expect(logs.raw()).not.toContain("atr_not-a-real-key");
  });

  it("writes one line per server action with its name, the member and their tenant, and the outcome's code", async () => {
    const member = await addMember(tenant.id, "admin");
    const host = `${tenant.slug}.localhost:3000`;
    const token = await sessionTokenForClaims({ sub: member.id, host, kind: "member", tenantId: tenant.id });
    request.headers = new Headers({ host, origin: `http://${host}`, cookie: `next-auth.session-token=${token}` });

    expect((await listDomainsAction(tenant.id)).ok).toBe(true);
    const other = "tenant_ffffffffffffffff";
    expect(await listDomainsAction(other)).toMatchObject({ ok: false, code: "cross_tenant_access_denied" });
    const [ok, refused, ...more] = requestLines();
    expect(more).toEqual([]);
    expect(ok).toMatchObject({ msg: "action", kind: "action", route: "domain.listDomains", method: "POST", status: 200, error_code: null, actor: `member:${member.id}`, tenant_id: tenant.id });
    expect(ok.request_id).toMatch(/^req_[0-9a-f]{16}$/);
    // The member's own tenant, not the id the browser sent.
    expect(refused).toMatchObject({ route: "domain.listDomains", status: 403, error_code: "cross_tenant_access_denied", actor: `member:${member.id}`, tenant_id: tenant.id });
    expect(refused.request_id).not.toBe(ok.request_id);
    expect(logs.raw()).not.toContain(token);

    // Nobody signed in: no actor, the tenant id as given.
    logs.clear();
    request.headers = new Headers({ host, origin: `http://${host}` });
    expect(await listDomainsAction(tenant.id)).toMatchObject({ ok: false, code: "authentication_required" });
    expect(requestLines()).toEqual([expect.objectContaining({ route: "domain.listDomains", status: 401, actor: null, tenant_id: tenant.id })]);
  });
});
