import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as brandingRoute from "@/app/api/v1/tenants/[id]/branding/route";
import * as usersRoute from "@/app/api/v1/tenants/[id]/users/route";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import { defineRoute } from "@/lib/api-contracts/define-route";
import { API_CONTRACTS } from "@/lib/api-contracts/registry";
import { systemCaller } from "@/lib/auth/caller";
import { configureDomains } from "@/lib/domains/configure-domains";
import { apiRoute } from "@/lib/http/api-route";
import { RATE_LIMIT_CLASSES, RATE_LIMIT_CLASS_NAMES, type RateLimitClass } from "@/lib/http/rate-limit-classes";
import { success } from "@/lib/http/respond";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, staffCaller, uniq } from "../support/fixtures";

// Seed 000's rate-limit table as apiRoute enforces it, on the real database:
// every operation's class, per caller and per tenant, the plan's hourly
// allowance for tenant keys, the headers, and 401/403 costing nothing.

const POLICY = /^"[a-z_]+";q=\d+;w=\d+(, "[a-z_]+";q=\d+;w=\d+)*$/;
const STATE = /^"[a-z_]+";r=\d+;t=\d+(, "[a-z_]+";r=\d+;t=\d+)*$/;

/** `"name";r=1;t=2, …` → { name: { r, t } } */
function parseState(header: string | null): Record<string, { r: number; t: number }> {
  return Object.fromEntries(
    (header ?? "").split(", ").map((item) => {
      const [name, ...params] = item.split(";");
      const p = Object.fromEntries(params.map((kv) => kv.split("=")).map(([k, v]) => [k, Number(v)]));
      return [JSON.parse(name), { r: p.r, t: p.t }];
    }),
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const tenantKey = (tenantId: string, permissions: string[]) => createTenantApiKey(platformActor(systemCaller("test")), tenantId, { name: uniq("key-"), permissions }).then((r) => r.key);

describe("every operation belongs to a rate-limit class", () => {
  it("declares a class in every contract; only public routes (no caller, no apiRoute) say why they have none", () => {
    const classes = new Set<string>(RATE_LIMIT_CLASS_NAMES);
    const wrong = API_CONTRACTS.filter((c) => (typeof c.rateLimit === "string" ? !classes.has(c.rateLimit) || c.access === "public" : c.access !== "public" || !c.rateLimit?.none?.trim()));
    expect(wrong.map((c) => `${c.method} ${c.path}: ${JSON.stringify(c.rateLimit)}`)).toEqual([]);
  });

  it("puts domain changes in domain_configuration, tenant creation in tenant_creation, the rest of tenant work in tenant_queries", () => {
    const cls = (method: string, path: string) => API_CONTRACTS.find((c) => c.method === method && c.path === path)?.rateLimit;
    expect(cls("POST", "/api/v1/tenants")).toBe("tenant_creation");
    for (const [m, p] of [["POST", "/api/v1/tenants/{id}/domains"], ["POST", "/api/v1/tenants/{id}/domains/{domain_id}/verify"], ["POST", "/api/v1/tenants/{id}/domains/{domain_id}/primary"], ["DELETE", "/api/v1/tenants/{id}/domains/{domain_id}"]]) {
      expect(cls(m, p), `${m} ${p}`).toBe("domain_configuration");
    }
    for (const [m, p] of [["GET", "/api/v1/tenants"], ["GET", "/api/v1/tenants/{id}"], ["PUT", "/api/v1/tenants/{id}"], ["GET", "/api/v1/tenants/{id}/domains"], ["POST", "/api/v1/tenants/{id}/users/invite"], ["PUT", "/api/v1/tenants/{id}/branding"]]) {
      expect(cls(m, p), `${m} ${p}`).toBe("tenant_queries");
    }
  });

  it("refuses at definition a route through apiRoute that names no class", () => {
    const c = defineRoute({ method: "GET", path: "/api/v1/tenants", tag: "T", summary: "s", access: { platform: "tenants:read" }, rateLimit: { none: "why not" }, responses: {}, errors: [] });
    expect(() => apiRoute(c, async () => success({}))).toThrow(/rate-limit class/);
  });

  it("documents the headers and the 429 on every limited operation of the OpenAPI document", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, { headers?: Record<string, unknown>; $ref?: string }>; "x-rate-limit-class"?: string }>>; components: { headers: Record<string, unknown>; responses: Record<string, { headers: Record<string, unknown> }> } };
    expect(Object.keys(doc.components.headers)).toEqual(expect.arrayContaining(["RateLimit-Policy", "RateLimit", "Retry-After"]));
    expect(Object.keys(doc.components.responses.RateLimited.headers)).toEqual(expect.arrayContaining(["Retry-After", "RateLimit-Policy", "RateLimit"]));
    for (const c of API_CONTRACTS) {
      const op = doc.paths[c.path][c.method.toLowerCase()];
      if (typeof c.rateLimit !== "string") {
        expect(op.responses["429"], `${c.method} ${c.path}`).toBeUndefined();
        continue;
      }
      expect(op["x-rate-limit-class"]).toBe(c.rateLimit);
      expect(op.responses["429"]).toEqual({ $ref: "#/components/responses/RateLimited" });
      for (const status of Object.keys(c.responses)) expect(Object.keys(op.responses[status].headers ?? {}), `${c.method} ${c.path} ${status}`).toEqual(expect.arrayContaining(["RateLimit-Policy", "RateLimit"]));
    }
  });
});

describe("each class's limit, per caller", () => {
  const probe = (cls: RateLimitClass) =>
    apiRoute(defineRoute({ method: "GET", path: "/api/v1/tenants", tag: "Probe", summary: cls, access: { platform: "tenants:read" }, rateLimit: cls, responses: { 200: { description: "ok" } }, errors: [] }), async () => success({ ok: true }));

  for (const cls of RATE_LIMIT_CLASS_NAMES) {
    it(`${cls}: ${RATE_LIMIT_CLASSES[cls].variable}=2 lets 2 through, then 429 with Retry-After, the headers and the details`, async () => {
      vi.stubEnv(RATE_LIMIT_CLASSES[cls].variable, "2");
      const handler = probe(cls);
      const key = await makeApiKey(["tenants:read"]);
      const window = RATE_LIMIT_CLASSES[cls].windowSeconds;
      const first = await callRoute(handler, { key });
      expect(first.status).toBe(200);
      expect(first.headers.get("ratelimit-policy")).toBe(`"${cls}";q=2;w=${window}`);
      expect(first.headers.get("ratelimit")).toMatch(new RegExp(`^"${cls}";r=1;t=\\d+$`));
      expect((await callRoute(handler, { key })).headers.get("ratelimit")).toMatch(new RegExp(`^"${cls}";r=0;t=\\d+$`));
      const refused = await callRoute(handler, { key });
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(window - 5);
      expect(retryAfter).toBeLessThanOrEqual(window + window / 60 + 1);
      expect(refused.json).toEqual({
        status: "error",
        error: { code: "rate_limit_exceeded", message: expect.stringMatching(/at most 2 per (minute|hour)\. Try again in/), details: { limit: 2, window_seconds: window, retry_after_seconds: retryAfter, policy: cls } },
      });
      expect(refused.headers.get("ratelimit-policy")).toMatch(POLICY);
      expect(parseState(refused.headers.get("ratelimit"))[cls]).toEqual({ r: 0, t: retryAfter });
      // Another caller has its own allowance.
      expect((await callRoute(handler, { key: await makeApiKey(["tenants:read"]) })).status).toBe(200);
    });
  }
});

describe("real routes: per caller and per tenant, headers on every counted answer", () => {
  let A: { id: string; slug: string };
  let B: { id: string; slug: string };
  beforeAll(async () => {
    [A, B] = await Promise.all([makeTenant(), makeTenant()]);
  });
  const getTenant = (key: string, id: string) => callRoute(tenantRoute.GET, { key, params: { id }, path: `/api/v1/tenants/${id}` });

  it("two callers share a tenant's allowance; one caller's allowance spans tenants", async () => {
    vi.stubEnv("RATE_LIMIT_TENANT_QUERIES_PER_MINUTE", "3");
    const t = await makeTenant();
    const [k1, k2, k3] = await Promise.all([makeApiKey(), makeApiKey(), makeApiKey()]);
    const first = await getTenant(k1, t.id);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toMatch(POLICY);
    expect(first.headers.get("ratelimit")).toMatch(STATE);
    expect(Object.keys(parseState(first.headers.get("ratelimit"))).sort()).toEqual(["tenant_queries", "tenant_queries_per_tenant"]);
    expect((await getTenant(k2, t.id)).status).toBe(200);
    const third = await getTenant(k1, t.id);
    expect(third.status).toBe(200);
    expect(parseState(third.headers.get("ratelimit"))).toMatchObject({ tenant_queries: { r: 1 }, tenant_queries_per_tenant: { r: 0 } });
    // The tenant's allowance is used up, whoever asks…
    const refused = await getTenant(k3, t.id);
    expect(refused.status).toBe(429);
    expect(refused.json.error.details.policy).toBe("tenant_queries_per_tenant");
    expect(refused.json.error.message).toMatch(/for this tenant/);
    // …while k3's own allowance was not touched by the refusal (all or none) and serves another tenant.
    for (let i = 0; i < 3; i++) expect((await getTenant(k3, i % 2 ? A.id : B.id)).status).toBe(200);
    const k3Over = await getTenant(k3, A.id);
    expect(k3Over.status).toBe(429);
    expect(k3Over.json.error.details.policy).toBe("tenant_queries");
  });

  it("a tenant's API keys together are limited per hour by its plan (seed 003), besides the class limits", async () => {
    vi.stubEnv("RATE_LIMIT_API_CALLS_PER_HOUR_BASIC", "3");
    vi.stubEnv("RATE_LIMIT_API_CALLS_PER_HOUR_PROFESSIONAL", "5");
    const basic = await makeTenant({ plan: "basic" });
    const pro = await makeTenant({ plan: "professional" });
    const list = (t: { id: string; slug: string }, key: string) => callRoute(usersRoute.GET, { key, params: { id: t.id }, headers: { host: `${t.slug}.localhost:3000` } });
    const [b1, b2] = await Promise.all([tenantKey(basic.id, ["members:read"]), tenantKey(basic.id, ["members:read"])]);
    const first = await list(basic, b1);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-policy")).toContain('"api_key_hourly";q=3;w=3600');
    expect(parseState(first.headers.get("ratelimit")).api_key_hourly.r).toBe(2);
    expect((await list(basic, b2)).status).toBe(200);
    expect((await list(basic, b1)).status).toBe(200);
    const refused = await list(basic, b2);
    expect(refused.status).toBe(429);
    expect(refused.json.error.details).toMatchObject({ policy: "api_key_hourly", limit: 3, window_seconds: 3600 });
    expect(refused.json.error.message).toMatch(/basic plan/);
    // A professional tenant has its plan's allowance; platform staff on the basic tenant are not counted against it.
    const p = await tenantKey(pro.id, ["members:read"]);
    for (let i = 0; i < 5; i++) expect((await list(pro, p)).status).toBe(200);
    expect((await list(pro, p)).status).toBe(429);
    const staff = await callRoute(usersRoute.GET, { key: await makeApiKey(), params: { id: basic.id } });
    expect(staff.status).toBe(200);
    expect(staff.headers.get("ratelimit-policy")).not.toContain("api_key_hourly");
  });

  it("401 and 403 answers cost neither the caller's nor the tenant's allowance, and carry no rate-limit headers", async () => {
    vi.stubEnv("RATE_LIMIT_TENANT_QUERIES_PER_MINUTE", "2");
    const t = await makeTenant();
    const reader = await tenantKey(t.id, ["branding:read"]);
    const host = { host: `${t.slug}.localhost:3000` };
    for (let i = 0; i < 5; i++) {
      const denied = await callRoute(brandingRoute.PUT, { method: "PUT", key: reader, params: { id: t.id }, headers: host, body: { primary_color: "#123456" } });
      expect(denied.status).toBe(403);
      expect(denied.headers.get("ratelimit")).toBeNull();
      const unauthenticated = await callRoute(brandingRoute.GET, { key: "atr_nope", params: { id: t.id }, headers: host });
      expect(unauthenticated.status).toBe(401);
    }
    for (let i = 0; i < 2; i++) expect((await callRoute(brandingRoute.GET, { key: reader, params: { id: t.id }, headers: host })).status).toBe(200);
    expect((await callRoute(brandingRoute.GET, { key: reader, params: { id: t.id }, headers: host })).status).toBe(429);
  });

  it("errors after the count carry the headers too (a 400 for a bad body costs a request)", async () => {
    vi.stubEnv("RATE_LIMIT_TENANT_CREATE_PER_HOUR", "2");
    const key = await makeApiKey();
    const bad = await callRoute(tenantsRoute.POST, { method: "POST", key, body: { tenant: { name: "" } } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("ratelimit")).toMatch(/^"tenant_creation";r=1;t=\d+$/);
    expect(bad.headers.get("ratelimit-policy")).toBe('"tenant_creation";q=2;w=3600');
  });

  it("an API request is counted once, though the domain service limits the same class for server actions", async () => {
    vi.stubEnv("RATE_LIMIT_DOMAIN_CONFIG_PER_HOUR", "5");
    const t = await makeTenant();
    const { POST } = await import("@/app/api/v1/tenants/[id]/domains/route");
    const r = await callRoute(POST, { method: "POST", key: await makeApiKey(), params: { id: t.id }, body: { domains: [{ domain: `${uniq("d")}.example.com` }] } });
    expect(r.status).toBe(201);
    expect(parseState(r.headers.get("ratelimit"))).toMatchObject({ domain_configuration: { r: 4 }, domain_configuration_per_tenant: { r: 4 } });
    const counted = async () => {
      const [row] = await ownerQuery<{ counts: number[] }>("SELECT counts FROM api_rate_limits WHERE key = $1", [`api:domain_configuration:tenant:${t.id}`]);
      return row.counts.reduce((a, b) => a + b, 0);
    };
    expect(await counted()).toBe(1);
    // What the console's and portal's server actions call: the service counts it itself, against the same allowance.
    const staff = staffCaller("admin");
    await configureDomains(platformActor(staff), t.id, { domains: [{ domain: `${uniq("d")}.example.com` }] });
    expect(await counted()).toBe(2);
    const [own] = await ownerQuery<{ counts: number[] }>("SELECT counts FROM api_rate_limits WHERE key = $1", [`api:domain_configuration:user:${staff.id}`]);
    expect(own.counts).toEqual([1]);
  });

  it("20 parallel requests over a limit of 5: exactly 5 answered, 15 refused with 429, never a 500", async () => {
    vi.stubEnv("RATE_LIMIT_TENANT_QUERIES_PER_MINUTE", "5");
    const key = await makeApiKey();
    const results = await Promise.all(Array.from({ length: 20 }, () => callRoute(tenantsRoute.GET, { key })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    for (const r of results) expect(r.headers.get("ratelimit-policy")).toBe('"tenant_queries";q=5;w=60');
  });

  it("the client address a request claims changes nothing: limits follow the key", async () => {
    vi.stubEnv("RATE_LIMIT_TENANT_QUERIES_PER_MINUTE", "3");
    const key = await makeApiKey();
    const statuses = [];
    for (let i = 0; i < 5; i++) {
      const forged = { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `203.0.113.${i}`, "x-atrium-client-ip": `198.51.100.${i}` };
      statuses.push((await callRoute(tenantsRoute.GET, { key, headers: forged })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });
});
