import { beforeAll, describe, expect, it } from "vitest";
import * as thresholdsRoute from "@/app/api/v1/tenants/[id]/alert-thresholds/route";
import * as checkRoute from "@/app/api/v1/tenants/[id]/limits/check/route";
import * as dismissRoute from "@/app/api/v1/tenants/[id]/notices/[notice_id]/dismiss/route";
import * as noticesRoute from "@/app/api/v1/tenants/[id]/notices/route";
import { systemCaller } from "@/lib/auth/caller";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember, setUserLimit } from "../support/tenant-members";

// Issue 11 §2 alerts: each upward crossing of a threshold is raised once per
// period (for gauges such as seats: until usage falls back below), with one
// email per owner and admin, one in-app notice and one event, however many
// checks run at the same time.

const system = platformActor(systemCaller("test"));
let staffKey: string;
beforeAll(async () => {
  staffKey = await makeApiKey();
});

const check = (tenantId: string, body: unknown = { check_types: ["user_count"] }) =>
  callRoute(checkRoute.POST, { method: "POST", path: `/api/v1/tenants/${tenantId}/limits/check`, params: { id: tenantId }, key: staffKey, body });

async function counts(tenantId: string) {
  const [row] = await ownerQuery<{ notices: number; mail: number; warning: number; critical: number; exceeded: number; webhooks: number }>(
    `SELECT (SELECT count(*)::int FROM tenant_notices WHERE tenant_id = $1) AS notices,
            (SELECT count(*)::int FROM mail_outbox WHERE tenant_id = $1 AND kind = 'usage_alert') AS mail,
            (SELECT count(*)::int FROM audit_events WHERE tenant_id = $1 AND action = 'usage.quota_warning') AS warning,
            (SELECT count(*)::int FROM audit_events WHERE tenant_id = $1 AND action = 'usage.quota_critical') AS critical,
            (SELECT count(*)::int FROM audit_events WHERE tenant_id = $1 AND action = 'usage.quota_exceeded') AS exceeded,
            -- The tenant's own endpoint only: other files' platform endpoints receive every tenant's events too.
            (SELECT count(*)::int FROM webhook_messages m JOIN webhook_endpoints e ON e.id = m.endpoint_id
              WHERE m.event_tenant_id = $1 AND e.tenant_id = $1 AND m.event_type LIKE 'resources.quota.%') AS webhooks`,
    [tenantId],
  );
  return row;
}

describe("alerts on threshold crossings", () => {
  let t: { id: string; slug: string };
  const members: string[] = [];
  beforeAll(async () => {
    t = await makeTenant();
    // Owner (from provisioning) + an admin get the mail; a member does not.
    await addMember(t.id, "admin");
    members.push((await addMember(t.id, "member")).id);
    await setUserLimit(t.id, 5);
    await createWebhookEndpoint(tenantOwner(system, t.id), { url: "https://hooks.example.com/atrium", event_types: ["resources.quota.*"] });
  });

  it("raises a warning exactly once under 20 concurrent checks: one notice, one mail per owner and admin, one audit row, one webhook message", async () => {
    // 3 of 5 users: 60 %, healthy.
    let r = await check(t.id);
    expect(r.json.data.limits_status[0]).toMatchObject({ resource: "user_count", current: 3, limit: 5, usage_percent: 60, status: "healthy", alert_level: "healthy" });
    members.push((await addMember(t.id, "viewer")).id); // 4 of 5: 80 %
    const results = await Promise.all(Array.from({ length: 20 }, () => check(t.id)));
    expect(results.map((x) => x.status)).toEqual(Array(20).fill(200));
    expect(results.filter((x) => x.json.data.limits_status[0].actions_taken.includes("alert_raised:warning"))).toHaveLength(1);
    expect(results.every((x) => x.json.data.limits_status[0].status === "warning")).toBe(true);
    expect(results.reduce((n, x) => n + x.json.data.notifications_sent, 0)).toBe(3); // 1 notice + 2 mails
    expect(await counts(t.id)).toEqual({ notices: 1, mail: 2, warning: 1, critical: 0, exceeded: 0, webhooks: 1 });
    const mail = await ownerQuery<{ to_address: string; subject: string; text: string }>("SELECT to_address, subject, text FROM mail_outbox WHERE tenant_id = $1 AND kind = 'usage_alert' ORDER BY to_address", [t.id]);
    expect(mail.map((m) => m.to_address)).toContain(`owner@${t.slug}.test`);
    expect(mail[0].subject).toMatch(/Usage warning/);
    expect(mail[0].text).toContain("Users: 80% of the limit (4 of 5 users).");
    expect(mail[0].text).toContain(`http://${t.slug}.`);
    const [hook] = await ownerQuery<{ event_type: string; body: string }>("SELECT m.event_type, m.body FROM webhook_messages m JOIN webhook_endpoints e ON e.id = m.endpoint_id WHERE e.tenant_id = $1", [t.id]);
    expect(hook.event_type).toBe("resources.quota.warning");
    expect(JSON.parse(hook.body).data).toMatchObject({ tenant_id: t.id, resource: "user_count", used: 4, quota: 5, usage_percent: 80, level: "warning" });

    // Checking again at the same level raises nothing.
    r = await check(t.id);
    expect(r.json.data.notifications_sent).toBe(0);
    expect((await counts(t.id)).notices).toBe(1);
  });

  it("jumping past several thresholds raises the highest once; falling below and crossing again raises again", async () => {
    members.push((await addMember(t.id, "viewer")).id); // 5 of 5: 100 %
    let r = await check(t.id);
    expect(r.json.data.limits_status[0]).toMatchObject({ status: "exceeded", alert_level: "exceeded", actions_taken: ["alert_raised:exceeded"] });
    expect(await counts(t.id)).toMatchObject({ notices: 2, warning: 1, critical: 0, exceeded: 1, webhooks: 2 });

    // Back to 3 of 5 (60 %): the crossings are forgotten.
    await ownerQuery("UPDATE memberships SET status = 'suspended' WHERE tenant_id = $1 AND user_id = ANY($2)", [t.id, members.slice(-2)]);
    r = await check(t.id);
    expect(r.json.data.limits_status[0]).toMatchObject({ status: "healthy", actions_taken: [] });
    expect(await ownerQuery("SELECT * FROM tenant_limit_alerts WHERE tenant_id = $1", [t.id])).toEqual([]);

    // 4 of 5 again: a new warning.
    await ownerQuery("UPDATE memberships SET status = 'active' WHERE tenant_id = $1 AND user_id = $2", [t.id, members[members.length - 1]]);
    r = await check(t.id);
    expect(r.json.data.limits_status[0].actions_taken).toEqual(["alert_raised:warning"]);
    expect(await counts(t.id)).toMatchObject({ notices: 3, warning: 2, exceeded: 1, webhooks: 3 });
  });

  it("notices: listed newest first for usage:read, dismissed for everyone with settings:update, and hidden once dismissed", async () => {
    const reader = (await createTenantApiKey(system, t.id, { name: uniq("k"), permissions: ["usage:read"] })).key;
    const host = { host: `${t.slug}.localhost:3000` };
    const list = (key: string, query = "") => callRoute(noticesRoute.GET, { path: `/api/v1/tenants/${t.id}/notices${query}`, params: { id: t.id }, key, headers: host });
    const listed = await list(reader);
    expect(listed.status).toBe(200);
    expect(listed.json.data.notices.map((n: { severity: string }) => n.severity)).toEqual(["warning", "exceeded", "warning"]);
    const id = listed.json.data.notices[0].id;
    const dismiss = (key: string, noticeId = id) =>
      callRoute(dismissRoute.POST, { method: "POST", path: `/api/v1/tenants/${t.id}/notices/${noticeId}/dismiss`, params: { id: t.id, notice_id: noticeId }, key, headers: host });
    expect((await dismiss(reader)).status).toBe(403);
    const admin = (await createTenantApiKey(system, t.id, { name: uniq("k"), permissions: ["settings:update"] })).key;
    const d = await dismiss(admin);
    expect(d.status).toBe(200);
    expect(d.json.data.notice.dismissed_at).toEqual(expect.any(String));
    expect((await dismiss(admin)).json.data.notice.dismissed_at).toBe(d.json.data.notice.dismissed_at);
    expect((await dismiss(admin, "notice_0000000000000000")).status).toBe(404);
    expect((await list(reader)).json.data.notices).toHaveLength(2);
    expect((await list(reader, "?include_dismissed=true")).json.data.notices).toHaveLength(3);
    expect((await list(reader, "?include_dismissed=maybe")).status).toBe(400);
  });
});

describe("alert thresholds", () => {
  let t: { id: string; slug: string };
  beforeAll(async () => {
    t = await makeTenant();
  });
  const put = (body: unknown) => callRoute(thresholdsRoute.PUT, { method: "PUT", path: `/api/v1/tenants/${t.id}/alert-thresholds`, params: { id: t.id }, key: staffKey, body });
  const get = () => callRoute(thresholdsRoute.GET, { path: `/api/v1/tenants/${t.id}/alert-thresholds`, params: { id: t.id }, key: staffKey });
  const stored = async () => ownerQuery("SELECT * FROM tenant_alert_thresholds WHERE tenant_id = $1", [t.id]);

  it("defaults to 80 / 95 / 100", async () => {
    const r = await get();
    expect(r.json.data.thresholds).toMatchObject({ warning_percent: 80, critical_percent: 95, exceeded_percent: 100, customised: false, overrides: {} });
    expect(r.json.data.thresholds.effective.storage_quota).toEqual({ warning_percent: 80, critical_percent: 95, exceeded_percent: 100 });
  });

  it("refuses an order that is not increasing, or a value out of range, with a 400 naming the field, writing nothing", async () => {
    const cases: [unknown, string][] = [
      [{ warning_percent: 90, critical_percent: 85, exceeded_percent: 100 }, "critical_percent"],
      [{ warning_percent: 70, critical_percent: 95, exceeded_percent: 95 }, "exceeded_percent"],
      [{ warning_percent: 0, critical_percent: 95, exceeded_percent: 100 }, "warning_percent"],
      [{ warning_percent: 80, critical_percent: 95, exceeded_percent: 1001 }, "exceeded_percent"],
      [{ warning_percent: 80, critical_percent: 95 }, "exceeded_percent"],
      [{ warning_percent: 80, critical_percent: 95, exceeded_percent: 100, overrides: { storage_quota: { warning_percent: 50, critical_percent: 40, exceeded_percent: 100 } } }, "overrides.storage_quota.critical_percent"],
      [{ warning_percent: 80, critical_percent: 95, exceeded_percent: 100, overrides: { disk: { warning_percent: 50, critical_percent: 60, exceeded_percent: 100 } } }, "overrides.disk"],
      [{ warning_percent: 80, critical_percent: 95, exceeded_percent: 100, extra: 1 }, "extra"],
    ];
    for (const [body, field] of cases) {
      const r = await put(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path), JSON.stringify(body)).toContain(field);
    }
    expect(await stored()).toEqual([]);
    expect(await auditEvents(t.id, "usage.thresholds_updated")).toEqual([]);
  });

  it("saves valid thresholds with per-resource overrides, audited, and the check uses them", async () => {
    const r = await put({ warning_percent: 50, critical_percent: 70, exceeded_percent: 120, overrides: { user_count: { warning_percent: 10, critical_percent: 20, exceeded_percent: 30 } } });
    expect(r.status).toBe(200);
    expect(r.json.data.thresholds).toMatchObject({ warning_percent: 50, critical_percent: 70, exceeded_percent: 120, customised: true });
    expect(r.json.data.thresholds.effective.user_count).toEqual({ warning_percent: 10, critical_percent: 20, exceeded_percent: 30 });
    expect(r.json.data.thresholds.effective.storage_quota).toEqual({ warning_percent: 50, critical_percent: 70, exceeded_percent: 120 });
    expect(await auditEvents(t.id, "usage.thresholds_updated")).toHaveLength(1);
    // The owner alone of 5 users is 20 %: critical under the override.
    await setUserLimit(t.id, 5);
    const c = await check(t.id);
    expect(c.json.data.limits_status[0]).toMatchObject({ usage_percent: 20, status: "warning", alert_level: "critical", actions_taken: ["alert_raised:critical"] });
    expect(await auditEvents(t.id, "usage.quota_critical")).toHaveLength(1);
  });

  it("refuses an unknown check type naming it, and a bad grace period", async () => {
    let r = await check(t.id, { check_types: ["storage_quota", "disk_iops"] });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("disk_iops");
    expect(r.json.error.details[0].path).toBe("check_types.1");
    r = await check(t.id, { grace_period_percent: -1 });
    expect(r.status).toBe(400);
    expect(r.json.error.details[0].path).toBe("grace_period_percent");
  });
});
