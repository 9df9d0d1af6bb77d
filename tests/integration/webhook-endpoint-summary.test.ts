import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { summarizeWebhookEndpoints } from "@/lib/webhooks/summarize-webhook-endpoints";
import { platformOwner, tenantOwner } from "@/lib/webhooks/webhook-scope";
import { ownerQuery } from "../support/db";
import { makeTenant, staffCaller } from "../support/fixtures";

// The endpoint list's summary: each endpoint's 24 h success rate (attempts, as
// its stats count them) and latest attempt, for exactly the owner's endpoints.

const admin = staffCaller("admin");

/** Attempts as the delivery worker records them (the worker is not what is under test here). */
async function recordAttempts(endpointId: string, tenantId: string | null, attempts: { ok: boolean; hoursAgo: number }[]) {
  const messageId = `whmsg_${randomBytes(6).toString("hex")}`;
  await ownerQuery(`INSERT INTO webhook_messages (id, tenant_id, endpoint_id, event_id, event_type, body) VALUES ($1, $2, $3, $4, 'webhook.test', '{}')`, [messageId, tenantId, endpointId, `evt_${randomBytes(6).toString("hex")}`]);
  for (const [i, a] of attempts.entries()) {
    await ownerQuery(
      `INSERT INTO webhook_attempts (id, tenant_id, message_id, endpoint_id, attempt, attempted_at, succeeded, status_code, duration_ms) VALUES ($1, $2, $3, $4, $5, now() - make_interval(hours => $6), $7, $8, 12)`,
      [`whatt_${randomBytes(6).toString("hex")}`, tenantId, messageId, endpointId, i + 1, a.hoursAgo, a.ok, a.ok ? 200 : 500],
    );
  }
}

describe("summarizeWebhookEndpoints", () => {
  it("counts the last 24 h for the rate, the newest attempt ever for last delivery, and only the owner's endpoints", async () => {
    const tenant = await makeTenant();
    const other = await makeTenant();
    const owner = tenantOwner(platformActor(admin), tenant.id);
    const body = { url: "https://hooks.example.com/atrium", event_types: ["*"] };
    const { endpoint: busy } = await createWebhookEndpoint(owner, body);
    const { endpoint: quiet } = await createWebhookEndpoint(owner, body);
    const { endpoint: foreign } = await createWebhookEndpoint(tenantOwner(platformActor(admin), other.id), body);
    const { endpoint: platform } = await createWebhookEndpoint(platformOwner(admin), body);

    // 3 of 4 attempts inside the window succeeded; the 30-hour-old failure is outside it.
    await recordAttempts(busy.id, tenant.id, [
      { ok: false, hoursAgo: 30 },
      { ok: true, hoursAgo: 20 },
      { ok: false, hoursAgo: 3 },
      { ok: true, hoursAgo: 2 },
      { ok: true, hoursAgo: 1 },
    ]);
    await recordAttempts(foreign.id, other.id, [{ ok: false, hoursAgo: 1 }]);

    const summary = await summarizeWebhookEndpoints(owner);
    expect(Object.keys(summary).sort()).toEqual([busy.id, quiet.id].sort());
    expect(summary[busy.id].success_rate).toBe(0.75);
    expect(summary[busy.id].last_attempt_succeeded).toBe(true);
    expect(Date.now() - Date.parse(summary[busy.id].last_attempt_at!)).toBeLessThan(3_600_000 + 60_000);
    expect(Date.now() - Date.parse(summary[busy.id].last_attempt_at!)).toBeGreaterThan(3_600_000 - 60_000);
    expect(summary[quiet.id]).toEqual({ success_rate: null, last_attempt_at: null, last_attempt_succeeded: null });

    // The platform sees its own endpoints only (tenants' endpoints are theirs), and the platform owner needs webhooks:manage.
    expect(Object.keys(await summarizeWebhookEndpoints(platformOwner(admin)))).toContain(platform.id);
    expect(Object.keys(await summarizeWebhookEndpoints(platformOwner(admin)))).not.toContain(busy.id);
    await expect(summarizeWebhookEndpoints(platformOwner(staffCaller("auditor")))).rejects.toMatchObject({ status: 403 });
  });
});
