import { beforeAll, describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as membersRoute from "@/app/api/v1/tenants/[id]/users/route";
import * as domainsRoute from "@/app/api/v1/tenants/[id]/domains/route";
import { runAction } from "@/lib/actions/action-result";
import { db } from "@/lib/db/prisma";
import { withPlatformScope } from "@/lib/db/scope";
import { parseOrThrow } from "@/lib/http/errors";
import { failure } from "@/lib/http/respond";
import { createTenantSchema } from "@/lib/schemas/tenant";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

let key: string;
let tenantId: string;

beforeAll(async () => {
  key = await makeApiKey();
  tenantId = (await makeTenant()).id;
});

const newTenantBody = (name: string, slug = uniq("nul-")) => ({ tenant: { name, slug, plan: "basic", admin_user: { email: `owner@${slug}.test`, name: "Owner" } } });

/** Expects 400 invalid_request whose details name exactly `path`. */
function expectRefused(res: { status: number; json: { error?: { code: string; details?: { path: string }[] } } }, path: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(400);
  expect(res.json.error?.code).toBe("invalid_request");
  expect(res.json.error?.details?.map((d) => d.path)).toEqual([path]);
}

describe("NUL bytes and unpaired surrogates are refused at the boundary, naming the field", () => {
  it("in a path id", async () => {
    const res = await callRoute(tenantRoute.GET, { path: `/api/v1/tenants/%00`, params: { id: "\u0000" }, key });
    expectRefused(res, "id");
    const nested = await callRoute(membersRoute.GET, { path: `/api/v1/tenants/t%00/users`, params: { id: `${tenantId}\u0000` }, key });
    expectRefused(nested, "id");
  });

  it("in a query value or name", async () => {
    expectRefused(await callRoute(tenantsRoute.GET, { path: "/api/v1/tenants?search=%00", key }), "search");
    expectRefused(await callRoute(tenantsRoute.GET, { path: "/api/v1/tenants?search=ac%00me&page=1", key }), "search");
    expectRefused(await callRoute(membersRoute.GET, { path: `/api/v1/tenants/${tenantId}/users?search=%00`, params: { id: tenantId }, key }), "search");
    expectRefused(await callRoute(tenantsRoute.GET, { path: "/api/v1/tenants?se%00arch=x", key }), "se\\u0000arch");
  });

  it("nested in a JSON body, escaped (\\u0000) or as a lone surrogate (\\ud800), and nothing is written", async () => {
    const slug = uniq("nul-");
    const res = await callRoute(tenantsRoute.POST, { method: "POST", path: "/api/v1/tenants", key, body: newTenantBody("Acme\u0000Evil", slug) });
    expectRefused(res, "tenant.name");
    const surrogate = await callRoute(tenantsRoute.POST, { method: "POST", path: "/api/v1/tenants", key, rawBody: JSON.stringify(newTenantBody("x", slug)).replace('"Owner"', '"Own\\ud800er"') });
    expectRefused(surrogate, "tenant.admin_user.name");
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [slug])).toEqual([]);

    const deep = await callRoute(domainsRoute.POST, {
      method: "POST",
      path: `/api/v1/tenants/${tenantId}/domains`,
      params: { id: tenantId },
      key,
      rawBody: '{"domains":[{"domain":"a.example.com"},{"domain":"b.example.com","custom_routing":{"custom_headers":{"X-Team":"\\u0000"}}}]}',
    });
    expectRefused(deep, "domains.1.custom_routing.custom_headers.X-Team");
    const key0 = await callRoute(tenantRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${tenantId}`, params: { id: tenantId }, key, rawBody: '{"settings":{"time\\u0000zone":"UTC"}}' });
    expectRefused(key0, "settings.time\\u0000zone");
    const lowSurrogate = await callRoute(tenantRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${tenantId}`, params: { id: tenantId }, key, rawBody: '{"settings":{"timezone":"\\udc00"}}' });
    expectRefused(lowSurrogate, "settings.timezone");
    // Nesting deeper than the call stack is walked, not recursed.
    const depth = 100_000;
    const nested = await callRoute(tenantRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${tenantId}`, params: { id: tenantId }, key, rawBody: `{"settings":${"[".repeat(depth)}"\\u0000"${"]".repeat(depth)}}` });
    expect(nested.status).toBe(400);
    expect(nested.json.error.details[0].path).toMatch(/^settings(\.0){100000}$/);
    // A well-formed pair is ordinary text.
    const emoji = await callRoute(tenantRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${tenantId}`, params: { id: tenantId }, key, rawBody: '{"name":"Acme \\ud83d\\ude80"}' });
    expect(emoji.status).toBe(200);
  });

  it("20 parallel requests with NUL in id, query and body all answer 400, never 500", async () => {
    const calls = Array.from({ length: 20 }, (_, i) => {
      if (i % 3 === 0) return callRoute(tenantRoute.GET, { path: "/api/v1/tenants/%00", params: { id: `t${i}\u0000` }, key });
      if (i % 3 === 1) return callRoute(tenantsRoute.GET, { path: `/api/v1/tenants?search=x%00${i}`, key });
      return callRoute(tenantsRoute.POST, { method: "POST", path: "/api/v1/tenants", key, body: newTenantBody(`N\u0000${i}`) });
    });
    const statuses = (await Promise.all(calls)).map((r) => r.status);
    expect(statuses).toEqual(Array(20).fill(400));
  });

  it("pages: a NUL in the address is a plain 400 from the proxy, not an error page; API routes answer for themselves", async () => {
    const { NextRequest } = await import("next/server");
    const { proxy } = await import("@/proxy");
    const tenant = await ownerQuery<{ slug: string }>("SELECT slug FROM tenants WHERE id = $1", [tenantId]);
    const call = (host: string, path: string) => proxy(new NextRequest(`http://${host}${path}`, { headers: { host } }));
    for (const [host, path] of [["localhost:3000", "/tenants?search=%00"], ["localhost:3000", "/tenants/%00"], [`${tenant[0].slug}.localhost:3000`, "/members?search=a%00"]]) {
      const res = await call(host, path);
      expect(res.status, path).toBe(400);
      expect(await res.text()).toContain("NUL");
    }
    expect((await call("localhost:3000", "/api/v1/tenants?search=%00")).headers.get("x-middleware-next")).toBe("1");
    expect((await call("localhost:3000", "/tenants?search=ok")).status).toBe(200);
  });

  it("a caller without credentials still gets 401 first", async () => {
    const res = await callRoute(tenantsRoute.POST, { method: "POST", path: "/api/v1/tenants", body: newTenantBody("A\u0000") });
    expect(res.status).toBe(401);
  });

  it("services and server actions share the check through parseOrThrow", async () => {
    const r = await runAction("test.parse", async () => parseOrThrow(createTenantSchema, newTenantBody("ok", "ok-slug\u0000")));
    expect(r).toMatchObject({ ok: false, code: "invalid_request", fieldErrors: { "tenant.slug": expect.stringContaining("NUL") } });
  });

  it("a NUL that reaches PostgreSQL by some other path is still a 400, not a 500", async () => {
    const err = await withPlatformScope((tx) => tx.tenant.findMany({ where: { name: "a\u0000b" } })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    const res = failure(err, "req_test");
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("invalid_request");
    const raw = await db().$queryRawUnsafe("SELECT $1::text AS t", "x\u0000").catch((e: unknown) => e);
    expect(failure(raw).status).toBe(400);
    expect(await runAction("test.reject", () => Promise.reject(err))).toMatchObject({ ok: false, code: "invalid_request" });
  });
});
