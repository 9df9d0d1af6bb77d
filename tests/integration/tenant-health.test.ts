import { describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/v1/tenants/[id]/health/route";
import * as summaryRoute from "@/app/api/v1/tenants/health-summary/route";
import { configureDomains } from "@/lib/domains/configure-domains";
import { getTenantHealth } from "@/lib/health/get-tenant-health";
import { recordTenantHealth } from "@/lib/health/record-tenant-health";
import { listTenants } from "@/lib/tenants/list-tenants";
import { dropTenantSchema } from "@/lib/tenants/tenant-schema";
import { updateTenant } from "@/lib/tenants/update-tenant";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { ingestUsageEvents } from "@/lib/usage/ingest-usage-events";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, staffCaller, uniq } from "../support/fixtures";

// Each health check fails for its own reason and for no other: the tenant is
// healthy before, and after the one change only that check leaves "pass".

const admin = staffCaller("admin");
const actor = platformActor(admin);

async function health(tenantId: string) {
  return getTenantHealth(actor, tenantId);
}

function statuses(h: Awaited<ReturnType<typeof health>>) {
  return Object.fromEntries(h.checks.map((c) => [c.name, c.status]));
}

async function expectOnlyFailing(tenantId: string, name: string, status: "fail" | "warning" = "fail") {
  const h = await health(tenantId);
  const notPassing = h.checks.filter((c) => c.status !== "pass").map((c) => `${c.name}:${c.status}`);
  expect(notPassing).toEqual([`${name}:${status}`]);
  expect(h.recommendations).toHaveLength(1);
  return h;
}

describe("tenant health checks", () => {
  it("a freshly provisioned tenant passes every check: score 100, healthy, no recommendation", async () => {
    const t = await makeTenant();
    const h = await health(t.id);
    expect(h.checks.map((c) => c.name)).toEqual(["schema_reachable", "storage_quota", "api_limits", "seats", "domain_verification", "webhook_failures", "provisioning", "feature_compliance"]);
    expect(Object.values(statuses(h)).every((s) => s === "pass")).toBe(true);
    expect(h.checks.reduce((s, c) => s + c.weight, 0)).toBe(100);
    expect([h.health_score, h.status, h.recommendations]).toEqual([100, "healthy", []]);
  });

  it("drop the schema: schema_reachable fails and the tenant is critical", async () => {
    const t = await makeTenant();
    await dropTenantSchema(t.schemaName);
    const h = await expectOnlyFailing(t.id, "schema_reachable");
    expect([h.health_score, h.status]).toEqual([75, "critical"]);
    expect(h.recommendations[0]).toMatch(/schema/);
  });

  it("usage over quota: storage over its quota fails storage_quota, calls over the daily limit fail api_limits", async () => {
    const t = await makeTenant();
    await updateTenant(admin, t.id, { limits: { storage_gb: 1 } });
    // The sampler's gauges (lib/usage): 2 GiB of tables against a 1 GB quota.
    await ingestUsageEvents([{ id: uniq("g"), tenantId: t.id, meter: "table_bytes", value: 2 * 1024 ** 3, timestamp: new Date() }]);
    const h = await expectOnlyFailing(t.id, "storage_quota");
    expect(h.checks.find((c) => c.name === "storage_quota")!.detail).toBe("Storage: 2 GB of 1 GB (200 %)");
    expect(h.recommendations[0]).toMatch(/over quota/);

    const u = await makeTenant();
    await updateTenant(admin, u.id, { limits: { api_calls_per_day: 100 } });
    await ingestUsageEvents([{ id: uniq("c"), tenantId: u.id, meter: "api_calls", value: 85, timestamp: new Date() }]);
    await expectOnlyFailing(u.id, "api_limits", "warning");
    await ingestUsageEvents([{ id: uniq("c"), tenantId: u.id, meter: "api_calls", value: 20, timestamp: new Date() }]);
    const over = await expectOnlyFailing(u.id, "api_limits");
    expect(over.checks.find((c) => c.name === "api_limits")!.detail).toBe("API calls today: 105 of 100 (105 %)");
  });

  it("every seat taken: seats fails (one member, a limit of one)", async () => {
    const t = await makeTenant();
    await updateTenant(admin, t.id, { limits: { users: 1 } });
    const h = await expectOnlyFailing(t.id, "seats");
    expect(h.checks.find((c) => c.name === "seats")!.detail).toBe("Active members: 1 of 1 (100 %)");
    expect([h.health_score, h.status]).toEqual([90, "degraded"]);
  });

  it("an unverified custom domain: pending for a day fails, freshly added only warns", async () => {
    const t = await makeTenant();
    const domain = `${uniq("d")}.example.com`;
    await configureDomains(actor, t.id, { domains: [{ domain }] });
    await expectOnlyFailing(t.id, "domain_verification", "warning");
    // Its DNS record never appeared: the day-old pending domain counts as unverified.
    await ownerQuery("UPDATE tenant_domains SET created_at = now() - interval '25 hours' WHERE tenant_id = $1", [t.id]);
    const h = await expectOnlyFailing(t.id, "domain_verification");
    expect(h.checks.find((c) => c.name === "domain_verification")!.detail).toContain(domain);
  });

  it("a webhook endpoint disabled after failing deliveries: webhook_failures fails; failing but enabled only warns", async () => {
    const t = await makeTenant();
    const { endpoint } = await createWebhookEndpoint(tenantOwner(actor, t.id), { url: "https://hooks.example.com/atrium", event_types: ["*"] });
    // What the delivery worker records as deliveries keep failing (the worker is not under test here).
    await ownerQuery("UPDATE webhook_endpoints SET failing_since = now() - interval '1 hour' WHERE id = $1", [endpoint.id]);
    await expectOnlyFailing(t.id, "webhook_failures", "warning");
    await ownerQuery("UPDATE webhook_endpoints SET enabled = false, disabled_at = now(), disabled_reason = 'failing' WHERE id = $1", [endpoint.id]);
    await expectOnlyFailing(t.id, "webhook_failures");
  });

  it("provisioning failed: provisioning fails and names the failed step's error", async () => {
    const t = await makeTenant();
    await ownerQuery(
      `UPDATE tenants SET provisioning = jsonb_set(jsonb_set(provisioning, '{status}', '"failed"'), '{steps,1}', '{"name":"migration_setup","status":"failed","error":"relation already exists"}') WHERE id = $1`,
      [t.id],
    );
    const h = await expectOnlyFailing(t.id, "provisioning");
    expect(h.checks.find((c) => c.name === "provisioning")!.detail).toBe("Provisioning failed: relation already exists");
  });

  it("a feature on that the plan does not include: feature_compliance fails", async () => {
    const t = await makeTenant({ plan: "basic" });
    await ownerQuery(`UPDATE tenants SET features = features || '{"sso_integration": true}' WHERE id = $1`, [t.id]);
    const h = await expectOnlyFailing(t.id, "feature_compliance");
    expect(h.checks.find((c) => c.name === "feature_compliance")!.detail).toContain("sso_integration");
    expect(h.recommendations[0]).toContain("Single sign-on");
  });
});

describe("stored health: the job, uptime, the tenant list and the summary", () => {
  it("stores each run, counts uptime as the share of runs that reached the schema, and the list and summary read it", async () => {
    const pair = uniq("pair");
    const sick = await makeTenant({ name: `Sick ${pair}` });
    const well = await makeTenant({ name: `Well ${pair}` });
    const now = new Date();
    await recordTenantHealth(now);
    await dropTenantSchema(sick.schemaName);
    await recordTenantHealth(new Date(now.getTime() + 60_000));

    const day = await ownerQuery<{ tenant_id: string; score: number; min_score: number; checks_run: number; schema_reachable_runs: number }>(
      "SELECT tenant_id, score, min_score, checks_run, schema_reachable_runs FROM tenant_health_daily WHERE tenant_id = ANY($1) ORDER BY tenant_id",
      [[sick.id, well.id]],
    );
    const sickDay = day.find((d) => d.tenant_id === sick.id)!;
    expect(sickDay).toMatchObject({ score: 75, min_score: 75, checks_run: 2, schema_reachable_runs: 1 });
    expect(day.find((d) => d.tenant_id === well.id)).toMatchObject({ score: 100, checks_run: 2, schema_reachable_runs: 2 });
    const h = await health(sick.id);
    expect(h.history.at(-1)).toMatchObject({ score: 75, status: "critical", uptime_percentage: 50 });

    // The list shows the stored badge and sorts by it; the sparkline has 14 days.
    const page = await listTenants(admin, { page: 1, page_size: 100, sort: "health", order: "asc", search: `Sick ${pair}` });
    const row = page.tenants.find((x) => x.id === sick.id)!;
    expect(row.health).toMatchObject({ score: 75, status: "critical" });
    expect(row.usage_sparkline).toHaveLength(14);
    // Other test files' tenants share the database: the pair is found by its name, the whole list's order checked by score.
    const both = await listTenants(admin, { page: 1, page_size: 100, sort: "health", order: "asc", search: pair });
    expect(both.tenants.map((x) => x.id)).toEqual([sick.id, well.id]);
    const desc = await listTenants(admin, { page: 1, page_size: 100, sort: "health", order: "desc", search: pair });
    expect(desc.tenants.map((x) => x.id)).toEqual([well.id, sick.id]);
    const all = await listTenants(admin, { page: 1, page_size: 100, sort: "health", order: "asc" });
    const scores = all.tenants.map((x) => x.health?.score).filter((s) => s !== undefined);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));

    // The summary: per status, the worst first, staff only.
    const key = await makeApiKey(["tenants:read"]);
    const r = await callRoute(summaryRoute.GET, { path: "/api/v1/tenants/health-summary?limit=200", key });
    expect(r.status).toBe(200);
    const worst = r.json.data.worst_tenants as { tenant_id: string; health_score: number; failing_checks: string[] }[];
    expect(worst.map((w) => w.health_score)).toEqual([...worst.map((w) => w.health_score)].sort((a, b) => a - b));
    expect(worst.find((w) => w.tenant_id === sick.id)!.failing_checks).toEqual(["schema_reachable"]);
    expect(r.json.data.counts.critical).toBeGreaterThanOrEqual(1);
    const bad = await callRoute(summaryRoute.GET, { path: "/api/v1/tenants/health-summary?limit=0", key });
    expect([bad.status, bad.json.error.code, bad.json.error.message]).toEqual([400, "invalid_request", expect.stringContaining("limit")]);
  });

  it("GET …/health answers a platform key with tenants:read, and refuses one without", async () => {
    const t = await makeTenant();
    const ok = await callRoute(healthRoute.GET, { path: `/api/v1/tenants/${t.id}/health`, params: { id: t.id }, key: await makeApiKey(["tenants:read"]) });
    expect([ok.status, ok.json.data.status]).toEqual([200, "healthy"]);
    const no = await callRoute(healthRoute.GET, { path: `/api/v1/tenants/${t.id}/health`, params: { id: t.id }, key: await makeApiKey(["audit:read"]) });
    expect(no.status).toBe(403);
  });
});
