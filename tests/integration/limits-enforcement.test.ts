import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as logoRoute from "@/app/api/v1/tenants/[id]/branding/logo/route";
import * as checkRoute from "@/app/api/v1/tenants/[id]/limits/check/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as usersRoute from "@/app/api/v1/tenants/[id]/users/route";
import * as usageEventsRoute from "@/app/api/v1/usage/events/route";
import { systemCaller } from "@/lib/auth/caller";
import { env } from "@/lib/env";
import { failure } from "@/lib/http/respond";
import { newId } from "@/lib/ids";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { noisyPngBytes } from "../support/branding-images";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

// Issue 11 §2: with auto_enforce on, a limits check that finds a tenant over a
// limit plus grace makes tenant-key calls answer 429 tenant_limit_exceeded
// (reported usage still accepted) and uploads 429 storage_quota_exceeded; a
// connection refused for too many connections is 429 connection_pool_full.

const system = platformActor(systemCaller("test"));
let staffKey: string;

beforeAll(async () => {
  staffKey = await makeApiKey();
});

const setLimits = (tenantId: string, limits: Record<string, number | null>) => ownerQuery("UPDATE tenants SET limits = limits || $2::jsonb WHERE id = $1", [tenantId, JSON.stringify(limits)]);
const setAutoEnforce = (tenantId: string, on: boolean) => ownerQuery("UPDATE tenants SET settings = settings || jsonb_build_object('auto_enforce', $2::boolean) WHERE id = $1", [tenantId, on]);
const reportApiCalls = (tenantId: string, value: number) => ingestUsageEvents([{ id: uniq("ev-"), tenantId, meter: "api_calls", value, timestamp: new Date() }]);

function check(tenantId: string, body: unknown = {}, key = staffKey, headers: Record<string, string> = {}) {
  return callRoute(checkRoute.POST, { method: "POST", path: `/api/v1/tenants/${tenantId}/limits/check`, params: { id: tenantId }, key, body, headers });
}

const tenantHost = (slug: string) => ({ host: `${slug}.localhost:3000` });

async function tenantKey(tenantId: string, permissions: string[]) {
  return (await createTenantApiKey(system, tenantId, { name: uniq("key-"), permissions: permissions as never })).key;
}

describe("API calls over the daily limit plus grace", () => {
  let t: { id: string; slug: string };
  let key: string;
  beforeAll(async () => {
    t = await makeTenant();
    key = await tenantKey(t.id, ["members:read", "usage:report"]);
    await setLimits(t.id, { api_calls_per_day: 100 });
  });

  const listMembers = () => callRoute(usersRoute.GET, { path: `/api/v1/tenants/${t.id}/users`, params: { id: t.id }, key, headers: tenantHost(t.slug) });
  const reportViaApi = () =>
    callRoute(usageEventsRoute.POST, {
      method: "POST",
      path: "/api/v1/usage/events",
      key,
      headers: tenantHost(t.slug),
      body: { events: [{ id: uniq("ev-"), meter: "api_calls", value: 1, timestamp: new Date().toISOString() }] },
    });

  it("refuses the tenant's keys with 429 tenant_limit_exceeded and Retry-After at the next UTC day, still accepts usage events, and lifts when the limit is raised", async () => {
    // 105 of 100: over the limit but within the 10 % grace: nothing enforced.
    await reportApiCalls(t.id, 105);
    let r = await check(t.id);
    expect(r.status).toBe(200);
    const api = r.json.data.limits_status.find((s: { resource: string }) => s.resource === "api_rate_limits");
    expect(api).toMatchObject({ current: 105, limit: 100, usage_percent: 105, status: "exceeded", alert_level: "exceeded" });
    expect(api.actions_taken).not.toContain("api_keys_refused");
    expect((await listMembers()).status).toBe(200);

    await reportApiCalls(t.id, 10); // 115: over 110
    r = await check(t.id);
    expect(r.json.data.limits_status.find((s: { resource: string }) => s.resource === "api_rate_limits").actions_taken).toContain("api_keys_refused");
    expect(r.json.data.enforcements).toEqual([expect.objectContaining({ resource: "api_rate_limits" })]);
    expect(r.json.data.dry_run).toBe(false);

    const refused = await listMembers();
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("tenant_limit_exceeded");
    expect(refused.json.error.message).toMatch(/daily API calls/);
    const now = Date.now();
    const nextDay = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate() + 1);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(Math.abs(retryAfter - (nextDay - now) / 1000)).toBeLessThan(120);

    // The product's usage reports are still recorded.
    const reported = await reportViaApi();
    expect(reported.status).toBe(200);
    expect(reported.json.data.accepted).toBe(1);

    // Enforcement started once (a second check keeps it), announced as tenant.limits.exceeded.
    await check(t.id);
    expect(await auditEvents(t.id, "usage.enforcement_started")).toHaveLength(1);
    const outbox = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1 AND action = 'usage.enforcement_lifted'", [t.id]);
    expect(outbox[0].n).toBe(0);

    // Raising the limit lets the keys through at once; the next check lifts the enforcement, audited.
    await setLimits(t.id, { api_calls_per_day: 10_000 });
    expect((await listMembers()).status).toBe(200);
    r = await check(t.id);
    expect(r.json.data.enforcements).toEqual([]);
    expect(await auditEvents(t.id, "usage.enforcement_lifted")).toHaveLength(1);
    expect((await listMembers()).status).toBe(200);
  });

  it("a dry run (the tenant's own admin key) reports the same numbers but enforces nothing and sends nothing", async () => {
    const admin = await tenantKey(t.id, ["settings:update"]);
    await setLimits(t.id, { api_calls_per_day: 10 });
    const notices = async () => (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM tenant_notices WHERE tenant_id = $1", [t.id]))[0].n;
    const before = await notices();
    const r = await check(t.id, {}, admin, tenantHost(t.slug));
    expect(r.status).toBe(200);
    expect(r.json.data.dry_run).toBe(true);
    expect(r.json.data.notifications_sent).toBe(0);
    expect(r.json.data.enforcements).toEqual([]);
    expect(r.json.data.limits_status.find((s: { resource: string }) => s.resource === "api_rate_limits").status).toBe("exceeded");
    expect(await notices()).toBe(before);
    expect((await listMembers()).status).toBe(200);
  });

  it("with auto_enforce off, no 429 but the alerts are still raised", async () => {
    const u = await makeTenant();
    const k = await tenantKey(u.id, ["members:read"]);
    await setAutoEnforce(u.id, false);
    await setLimits(u.id, { api_calls_per_day: 100 });
    await reportApiCalls(u.id, 500);
    const r = await check(u.id);
    expect(r.json.data.auto_enforce_setting).toBe(false);
    expect(r.json.data.enforcements).toEqual([]);
    expect(r.json.data.notifications_sent).toBeGreaterThan(0);
    const res = await callRoute(usersRoute.GET, { path: `/api/v1/tenants/${u.id}/users`, params: { id: u.id }, key: k, headers: tenantHost(u.slug) });
    expect(res.status).toBe(200);
    expect(await auditEvents(u.id, "usage.quota_exceeded")).toHaveLength(1);
    expect(await auditEvents(u.id, "usage.enforcement_started")).toHaveLength(0);
    const notices = await ownerQuery<{ severity: string; resource: string }>("SELECT severity, resource FROM tenant_notices WHERE tenant_id = $1", [u.id]);
    expect(notices).toEqual([{ severity: "exceeded", resource: "api_rate_limits" }]);
    const mail = await ownerQuery<{ to_address: string; kind: string }>("SELECT to_address, kind FROM mail_outbox WHERE tenant_id = $1 AND kind = 'usage_alert'", [u.id]);
    expect(mail).toEqual([{ to_address: `owner@${u.slug}.test`, kind: "usage_alert" }]);

    // Turning the setting on again and checking enforces.
    await setAutoEnforce(u.id, true);
    await check(u.id);
    expect((await callRoute(usersRoute.GET, { path: `/api/v1/tenants/${u.id}/users`, params: { id: u.id }, key: k, headers: tenantHost(u.slug) })).status).toBe(429);
    // Turned off while enforced: the keys work again at once (apiRoute reads the setting with the enforcement).
    await setAutoEnforce(u.id, false);
    expect((await callRoute(usersRoute.GET, { path: `/api/v1/tenants/${u.id}/users`, params: { id: u.id }, key: k, headers: tenantHost(u.slug) })).status).toBe(200);
  });
});

describe("the auto_enforce setting", () => {
  it("is on by default, changed through PUT /tenants/{id} settings, and a value that is not a boolean is a 400 naming it", async () => {
    const t = await makeTenant();
    const put = (settings: unknown) => callRoute(tenantRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${t.id}`, params: { id: t.id }, key: staffKey, body: { settings } });
    expect((await check(t.id, { check_types: ["user_count"] })).json.data.auto_enforce_setting).toBe(true);
    const bad = await put({ auto_enforce: "no" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toContain("settings.auto_enforce");
    expect((await put({ auto_enforce: false })).status).toBe(200);
    const [row] = await ownerQuery<{ settings: { auto_enforce?: boolean; timezone?: string } }>("SELECT settings FROM tenants WHERE id = $1", [t.id]);
    expect(row.settings.auto_enforce).toBe(false);
    expect((await check(t.id, { check_types: ["user_count"] })).json.data.auto_enforce_setting).toBe(false);
  });
});

describe("storage over the quota", () => {
  it("refuses uploads with 429 storage_quota_exceeded and stores nothing; lifted when the quota is raised", async () => {
    const t = await makeTenant();
    const upload = (seed: number) => uploadRaw(t.id, noisyPngBytes(64 + seed, 64));
    expect((await upload(1)).status).toBe(201);
    // The uploaded image is the tenant's storage; a quota of 0 GB is exceeded by any byte.
    await setLimits(t.id, { storage_gb: 0 });
    const r = await check(t.id, { check_types: ["storage_quota"] });
    expect(r.json.data.limits_status[0]).toMatchObject({ resource: "storage_quota", status: "exceeded", actions_taken: expect.arrayContaining(["uploads_refused"]) });
    const assets = async () => (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM tenant_assets WHERE tenant_id = $1", [t.id]))[0].n;
    const before = await assets();
    const refused = await upload(2);
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe("storage_quota_exceeded");
    expect(await assets()).toBe(before);

    await setLimits(t.id, { storage_gb: 5 });
    expect((await upload(3)).status).toBe(201);
    const lifted = await check(t.id, { check_types: ["storage_quota"] });
    expect(lifted.json.data.limits_status[0].actions_taken).toEqual(["enforcement_lifted"]);
  });

  async function uploadRaw(tenantId: string, bytes: Uint8Array) {
    const req = new Request(`http://localhost:3000/api/v1/tenants/${tenantId}/branding/logo`, {
      method: "POST",
      headers: { host: "localhost:3000", authorization: `Bearer ${staffKey}`, "content-type": "image/png" },
      body: new Uint8Array(bytes),
    });
    const res = await logoRoute.POST(req, { params: Promise.resolve({ id: tenantId }) });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  }
});

describe("too many connections for a role", () => {
  const role = `limits_test_${uniq("r")}`;
  afterAll(async () => {
    await ownerQuery(`DROP ROLE IF EXISTS ${role}`);
  });

  it("answers PostgreSQL's real 53300 as 429 connection_pool_full, however it is wrapped", async () => {
    await ownerQuery(`CREATE ROLE ${role} LOGIN PASSWORD 'pw' CONNECTION LIMIT 0`);
    const url = new URL(env.databaseUrl);
    url.username = role;
    url.password = "pw";
    const client = new pg.Client({ connectionString: url.toString() });
    const err = await client.connect().then(
      () => null,
      (e: unknown) => e,
    );
    await client.end().catch(() => undefined);
    expect((err as { code?: string }).code).toBe("53300");
    expect(String((err as Error).message)).toMatch(/too many connections for role/);

    for (const thrown of [err, new Error("query failed", { cause: err }), Object.assign(new Error("driver adapter error"), { meta: { driverAdapterError: { cause: { originalCode: "53300" } } } })]) {
      const res = failure(thrown, newId("req"));
      expect(res.status).toBe(429);
      const body = await res.json();
      expect(body.error.code).toBe("connection_pool_full");
      expect(res.headers.get("retry-after")).toBe("5");
    }
    // Anything else stays a 500.
    expect(failure(new Error("boom")).status).toBe(500);
  });
});
