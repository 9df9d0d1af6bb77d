import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { createRole } from "@/lib/roles/create-role";
import { changeTenantStatus } from "@/lib/tenants/change-tenant-status";
import { cancelTenantDeletion, purgeDueTenants, scheduleTenantDeletion } from "@/lib/tenants/tenant-deletion";
import { updateTenant } from "@/lib/tenants/update-tenant";
import { webhookEventFor } from "@/lib/webhooks/event-catalogue";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { pruneWebhookLog } from "@/lib/webhooks/prune-webhook-log";
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from "@/lib/webhooks/retry-schedule";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import { WebhookDispatcher } from "@/lib/webhooks/webhook-dispatcher";
import { platformOwner, tenantOwner } from "@/lib/webhooks/webhook-scope";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { isolateDatabase } from "../support/isolated-database";
import { startWebhookReceiver, verifyDelivery } from "../support/webhook-receiver";

// Its own database: the dispatcher delivers every due message, and the clock tests move time by days.
isolateDatabase();

const actor = platformActor(systemCaller("test"));
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let A: { id: string; slug: string };
let B: { id: string; slug: string };

beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE_NETWORKS = "true";
  receiver = await startWebhookReceiver();
  [A, B] = await Promise.all([makeTenant(), makeTenant()]);
});

afterAll(async () => {
  await receiver.close();
});

const dispatcher = (opts: ConstructorParameters<typeof WebhookDispatcher>[0] = {}) => new WebhookDispatcher({ timeoutMs: 2_000, ...opts });

async function drainOnce(opts: ConstructorParameters<typeof WebhookDispatcher>[0] = {}) {
  const d = dispatcher(opts);
  try {
    return await d.drain();
  } finally {
    d.destroy();
  }
}

const endpoint = (tenantId: string, path: string, eventTypes: string[] = ["role.*"]) =>
  createWebhookEndpoint(tenantOwner(actor, tenantId), { url: receiver.url(path), event_types: eventTypes, description: path });

const makeRole = (tenantId: string) => createRole(actor, tenantId, { name: uniq("Role "), permissions: ["members:read"] }).then((r) => r.role);

const messagesOf = (endpointId: string) =>
  ownerQuery<{ id: string; status: string; attempts: number; next_attempt_at: Date; event_type: string }>("SELECT id, status, attempts, next_attempt_at, event_type FROM webhook_messages WHERE endpoint_id = $1 ORDER BY created_at", [endpointId]);
const endpointRow = (id: string) =>
  ownerQuery<{ enabled: boolean; disabled_reason: string | null; failing_since: Date | null }>("SELECT enabled, disabled_reason, failing_since FROM webhook_endpoints WHERE id = $1", [id]).then((r) => r[0]);

describe("signed deliveries", () => {
  it("sends the event with Standard Webhooks headers the standardwebhooks library verifies, seed 000's X-Signature, X-Tenant-ID and X-Event-Type", async () => {
    const path = `/${uniq("sig")}`;
    const { endpoint: e, secret } = await endpoint(A.id, path);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), "base64").length).toBeGreaterThanOrEqual(24);
    const role = await makeRole(A.id);
    await drainOnce();
    const [got] = receiver.at(path);
    expect(got).toBeDefined();
    const payload = verifyDelivery(secret, got);
    expect(payload).toMatchObject({ type: "role.created", tenant_id: A.id, data: { role_id: role.id, name: role.name, permissions: ["members:read"] } });
    expect(Object.keys(payload).sort()).toEqual(["data", "id", "tenant_id", "timestamp", "type"]);
    expect(got.headers["webhook-id"]).toBe(payload.id);
    expect(got.headers["x-tenant-id"]).toBe(A.id);
    expect(got.headers["x-event-type"]).toBe("role.created");
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["user-agent"]).toMatch(/^Atrium-Webhooks/);
    const hex = createHmac("sha256", Buffer.from(secret.slice(6), "base64")).update(got.body).digest("hex");
    expect(got.headers["x-signature"]).toBe(`sha256=${hex}`);
    // A wrong secret does not verify.
    expect(() => verifyDelivery(`whsec_${Buffer.alloc(32, 7).toString("base64")}`, got)).toThrow();
    const [m] = await messagesOf(e.id);
    expect(m).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("signs with both secrets for 24 h after a rotation, then with the new one only", async () => {
    const path = `/${uniq("rot")}`;
    const { endpoint: e, secret: oldSecret } = await endpoint(A.id, path);
    const { secret: newSecret, endpoint: rotated } = await rotateWebhookSecret(tenantOwner(actor, A.id), e.id);
    expect(newSecret).not.toBe(oldSecret);
    expect(Date.parse(rotated.secret_rotating_until!) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    await sendTestWebhook(tenantOwner(actor, A.id), e.id);
    await drainOnce();
    const [during] = receiver.at(path);
    expect(String(during.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifyDelivery(oldSecret, during).type).toBe("webhook.test");
    expect(verifyDelivery(newSecret, during).type).toBe("webhook.test");
    const keys = [newSecret, oldSecret].map((s) => `sha256=${createHmac("sha256", Buffer.from(s.slice(6), "base64")).update(during.body).digest("hex")}`);
    expect(String(during.headers["x-signature"]).split(",")).toEqual(keys);

    // 25 h later (the worker's clock), only the new secret signs.
    await sendTestWebhook(tenantOwner(actor, A.id), e.id);
    await drainOnce({ now: () => new Date(Date.now() + 25 * 3_600_000) });
    const after = receiver.at(path)[1];
    expect(String(after.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    expect(verifyDelivery(newSecret, after).type).toBe("webhook.test");
    expect(() => verifyDelivery(oldSecret, after)).toThrow();
  });
});

describe("the outbox", () => {
  it("writes nothing when the change rolls back, so nothing is sent", async () => {
    const path = `/${uniq("rb")}`;
    const { endpoint: e } = await endpoint(A.id, path);
    await expect(
      withTenantScope(A.id, async (tx) => {
        await publishEvent(tx, systemCaller("test"), { tenantId: A.id, action: "role.created", targetType: "role", targetId: "role_x", after: { name: "x" } });
        expect((await tx.webhookMessage.count({ where: { endpointId: e.id } })) + 0).toBe(1);
        throw new Error("the change fails after publishing");
      }),
    ).rejects.toThrow("the change fails");
    await drainOnce();
    expect(await messagesOf(e.id)).toEqual([]);
    expect(receiver.at(path)).toEqual([]);
  });

  it("delivers what was committed before a crash: a fresh worker started later sends it (at-least-once)", async () => {
    const path = `/${uniq("crash")}`;
    const { endpoint: e, secret } = await endpoint(A.id, path);
    await makeRole(A.id); // committed; no worker runs
    expect((await messagesOf(e.id)).map((m) => m.status)).toEqual(["pending"]);
    // A worker that claimed it and died mid-attempt leaves it leased; it falls due again after the lease.
    await ownerQuery("UPDATE webhook_messages SET next_attempt_at = now() + interval '60 seconds' WHERE endpoint_id = $1", [e.id]);
    await drainOnce();
    expect(receiver.at(path)).toEqual([]);
    await drainOnce({ now: () => new Date(Date.now() + 61_000) });
    expect(receiver.at(path)).toHaveLength(1);
    expect(verifyDelivery(secret, receiver.at(path)[0]).type).toBe("role.created");
  });

  it("survives kill -9 of the worker mid-delivery: the leased message is delivered again after restart, with the same webhook-id", async () => {
    const path = `/${uniq("kill")}`;
    const C = await makeTenant();
    receiver.reply(path, { status: 200, hang: true });
    const { endpoint: e, secret } = await endpoint(C.id, path);
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/webhook-crash-child.ts", C.id], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise((resolve) => child.on("exit", resolve));
    await Promise.race([receiver.waitFor(receiver.received.length + 1), exited]);
    expect(out).toContain("committed");
    expect(receiver.at(path)).toHaveLength(1);
    child.kill("SIGKILL");
    await exited;
    receiver.reply(path, { status: 200 });
    const [leased] = await messagesOf(e.id);
    expect(leased).toMatchObject({ status: "pending", attempts: 0 });
    await drainOnce({ now: () => new Date(Date.now() + 61_000) });
    const [first, second] = receiver.at(path);
    expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(verifyDelivery(secret, second).type).toBe("role.created");
    expect((await messagesOf(e.id))[0]).toMatchObject({ status: "succeeded", attempts: 1 });
  }, 60_000);

  it("costs one statement and writes nothing for an event nobody subscribes to", async () => {
    const path = `/${uniq("unsub")}`;
    const { endpoint: e } = await endpoint(B.id, path, ["member.removed"]);
    await makeRole(B.id);
    expect(await messagesOf(e.id)).toEqual([]);
  });
});

describe("tenants and the platform", () => {
  it("never sends a tenant's events to another tenant's endpoints; platform endpoints get every tenant's", async () => {
    const pa = `/${uniq("a")}`;
    const pb = `/${uniq("b")}`;
    const pp = `/${uniq("p")}`;
    await endpoint(A.id, pa, ["*"]);
    await endpoint(B.id, pb, ["*"]);
    const { endpoint: platform, secret } = await createWebhookEndpoint(platformOwner(systemCaller("test")), { url: receiver.url(pp), event_types: ["role.created"] });
    expect(platform.tenant_id).toBeNull();
    await makeRole(A.id);
    await makeRole(B.id);
    await drainOnce();
    expect(receiver.at(pa).map((r) => JSON.parse(r.body).tenant_id)).toEqual([A.id]);
    expect(receiver.at(pb).map((r) => JSON.parse(r.body).tenant_id)).toEqual([B.id]);
    expect(receiver.at(pp).map((r) => verifyDelivery(secret, r).tenant_id).sort()).toEqual([A.id, B.id].sort());
    // RLS: a tenant's transaction sees neither the other tenant's endpoints nor the platform's.
    const seen = await withTenantScope(A.id, (tx) => tx.webhookEndpoint.findMany({ select: { tenantId: true } }));
    expect(new Set(seen.map((s) => s.tenantId))).toEqual(new Set([A.id]));
    const seenMessages = await withTenantScope(A.id, (tx) => tx.webhookMessage.findMany({ select: { tenantId: true } }));
    expect(seenMessages.every((m) => m.tenantId === A.id)).toBe(true);
    // …nor can it publish into another tenant's outbox through the enqueue function.
    await expect(withTenantScope(A.id, (tx) => tx.$queryRawUnsafe("SELECT atrium_enqueue_webhook($1, 'evt_x', 'role.created', ARRAY['*'], '{}', NULL)", B.id))).rejects.toThrow(/tenant in scope/);
  });
});

describe("failures", () => {
  it("retries on the schedule (immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), then dead-letters", async () => {
    const path = `/${uniq("retry")}`;
    receiver.reply(path, { status: 500, body: "x".repeat(3000) });
    const { endpoint: e } = await endpoint(A.id, path);
    await makeRole(A.id);
    let clock = Date.now();
    const opts = { now: () => new Date(clock), random: () => 0.5 };
    await drainOnce(opts);
    for (let i = 0; i < RETRY_DELAYS_MS.length; i++) {
      const [m] = await messagesOf(e.id);
      expect(m).toMatchObject({ status: "retrying", attempts: i + 1 });
      expect(m.next_attempt_at.getTime() - clock).toBe(RETRY_DELAYS_MS[i]);
      clock += RETRY_DELAYS_MS[i] - 1_000;
      expect(await drainOnce(opts)).toBe(0); // not yet due
      clock += 1_000;
      await drainOnce(opts);
    }
    const [dead] = await messagesOf(e.id);
    expect(dead).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(receiver.at(path)).toHaveLength(8);
    const log = await ownerQuery<{ status_code: number; response_body: string; error: string; duration_ms: number }>("SELECT status_code, response_body, error, duration_ms FROM webhook_attempts WHERE message_id = $1", [dead.id]);
    expect(log).toHaveLength(8);
    expect(log[0]).toMatchObject({ status_code: 500, error: "HTTP 500" });
    expect(log[0].response_body).toHaveLength(1024);
    clock += 100 * 3_600_000;
    expect(await drainOnce(opts)).toBe(0);
  });

  it("spreads retries by ±10 % jitter", async () => {
    const { nextAttemptAt } = await import("@/lib/webhooks/retry-schedule");
    const t = new Date("2026-01-01T00:00:00Z");
    expect(nextAttemptAt(2, t, () => 0)!.getTime() - t.getTime()).toBe(270_000);
    expect(nextAttemptAt(2, t, () => 1)!.getTime() - t.getTime()).toBe(330_000);
    expect(nextAttemptAt(8, t)).toBeNull();
  });

  it("disables the endpoint at once on 410 Gone and queues nothing more for it", async () => {
    const path = `/${uniq("gone")}`;
    receiver.reply(path, { status: 410 });
    const { endpoint: e } = await endpoint(A.id, path);
    await makeRole(A.id);
    await drainOnce();
    expect(await endpointRow(e.id)).toMatchObject({ enabled: false, disabled_reason: "gone" });
    expect((await messagesOf(e.id))[0]).toMatchObject({ status: "failed", attempts: 1 });
    await makeRole(A.id);
    expect(await messagesOf(e.id)).toHaveLength(1);
    // Re-enabling clears the reason.
    const back = await updateWebhookEndpoint(tenantOwner(actor, A.id), e.id, { enabled: true });
    expect(back).toMatchObject({ enabled: true, disabled_reason: null });
  });

  it("disables an endpoint that has failed for 5 days and emails the tenant's members who hold webhooks:manage", async () => {
    const path = `/${uniq("5d")}`;
    receiver.reply(path, { status: 503 });
    const { endpoint: e } = await endpoint(B.id, path);
    await makeRole(B.id);
    const start = Date.now() + 1_000;
    await drainOnce({ now: () => new Date(start) });
    expect((await endpointRow(e.id)).failing_since!.getTime()).toBe(start);
    // Four days on, another failure: still enabled.
    await sendTestWebhook(tenantOwner(actor, B.id), e.id);
    await drainOnce({ now: () => new Date(start + 4 * 86_400_000) });
    expect(await endpointRow(e.id)).toMatchObject({ enabled: true });
    // Past five days: disabled, and the owner (owner@<slug>.test, the built-in owner role) is told.
    await sendTestWebhook(tenantOwner(actor, B.id), e.id);
    await drainOnce({ now: () => new Date(start + 5 * 86_400_000 + 1_000) });
    expect(await endpointRow(e.id)).toMatchObject({ enabled: false, disabled_reason: "failing" });
    const mail = await ownerQuery<{ to_address: string; kind: string; text: string }>("SELECT to_address, kind, text FROM mail_outbox WHERE tenant_id = $1 AND kind = 'webhook_disabled'", [B.id]);
    expect(mail.map((m) => m.to_address)).toEqual([`owner@${B.slug}.test`]);
    expect(mail[0].text).toContain(receiver.url(path));
  });

  it("a success ends the failure streak", async () => {
    const path = `/${uniq("heal")}`;
    receiver.reply(path, { status: 500 });
    const { endpoint: e } = await endpoint(A.id, path);
    await makeRole(A.id);
    await drainOnce();
    expect((await endpointRow(e.id)).failing_since).not.toBeNull();
    receiver.reply(path, { status: 204 });
    await drainOnce({ now: () => new Date(Date.now() + 6_000) });
    expect((await endpointRow(e.id)).failing_since).toBeNull();
    expect((await messagesOf(e.id))[0]).toMatchObject({ status: "succeeded", attempts: 2 });
  });
});

describe("what features publish", () => {
  it("maps the tenant lifecycle to seed 000's types: updated, suspended, reactivated, deleted (scheduled, then purged), restored", async () => {
    const C = await makeTenant();
    const sys = systemCaller("test");
    const pc = `/${uniq("c")}`;
    const pp = `/${uniq("pp")}`;
    await endpoint(C.id, pc, ["tenant.*"]);
    const { secret } = await createWebhookEndpoint(platformOwner(sys), { url: receiver.url(pp), event_types: ["tenant.deleted"] });
    await updateTenant(sys, C.id, { name: "Renamed" });
    await changeTenantStatus(sys, C.id, "suspend", { reason: "Payment overdue" });
    await changeTenantStatus(sys, C.id, "reactivate");
    await scheduleTenantDeletion(sys, C.id, 7);
    await cancelTenantDeletion(sys, C.id);
    await scheduleTenantDeletion(sys, C.id, 7);
    await drainOnce();
    const got = receiver.at(pc).map((r) => JSON.parse(r.body) as { type: string; tenant_id: string; data: Record<string, unknown> });
    expect(got.map((g) => g.type)).toEqual(["tenant.updated", "tenant.suspended", "tenant.reactivated", "tenant.deleted", "tenant.restored", "tenant.deleted"]);
    expect(got[0].data).toMatchObject({ tenant_id: C.id, name: "Renamed", previous: { name: expect.any(String) } });
    expect(got[1].data).toMatchObject({ status: "suspended", reason: "Payment overdue" });
    expect(got[3].data).toMatchObject({ phase: "scheduled", status: "pending_deletion", grace_period_days: 7 });
    expect(got.every((g) => g.tenant_id === C.id)).toBe(true);
    // The purge: the tenant's own endpoint goes with it; the platform's hears it.
    expect(await purgeDueTenants(sys, new Date(Date.now() + 8 * 86_400_000))).toEqual([C.id]);
    await drainOnce();
    const platform = receiver.at(pp).map((r) => verifyDelivery(secret, r));
    expect(platform.map((p) => p.data.phase)).toEqual(["scheduled", "scheduled", "purged"]);
    expect(platform[2]).toMatchObject({ type: "tenant.deleted", tenant_id: C.id, data: { tenant_id: C.id, phase: "purged", status: "deleted" } });
    expect(await ownerQuery("SELECT 1 FROM webhook_endpoints WHERE tenant_id = $1", [C.id])).toEqual([]);
  });

  it("maps domain checks, branding, invitations and keys, and sends nothing for audit-only actions", () => {
    const m = (action: string, targetType = "domain") => webhookEventFor({ action, targetType, targetId: "x", after: { status: "failed" } })?.type ?? null;
    expect(m("domain.verified")).toBe("domain.verified");
    expect(m("domain.verification_failed")).toBe("domain.failed");
    expect(m("domain.verification_lost")).toBe("domain.failed");
    expect(m("domain.record_missing")).toBeNull();
    expect(m("tenant.branding_updated", "tenant")).toBe("branding.updated");
    expect(m("tenant.branding_reverted", "tenant")).toBe("branding.updated");
    expect(m("invitation.revoked", "invitation")).toBe("invitation.revoked");
    expect(m("api_key.created", "api_key")).toBe("api_key.created");
    expect(m("tenant.provisioned", "tenant")).toBe("tenant.created");
    expect(m("tenant.created", "tenant")).toBeNull();
    expect(m("webhook.endpoint_created", "webhook_endpoint")).toBeNull();
    expect(m("user.created", "user")).toBeNull();
    // Reserved types need no alias: a later feature publishes them by name.
    expect(m("tenant.limits.exceeded", "tenant")).toBe("tenant.limits.exceeded");
  });
});

describe("retention", () => {
  it("prunes finished messages (and their attempts) after 30 days, never waiting ones", async () => {
    const path = `/${uniq("prune")}`;
    const { endpoint: e } = await endpoint(A.id, path);
    await makeRole(A.id);
    await drainOnce();
    await makeRole(A.id); // stays pending: no drain
    await ownerQuery("UPDATE webhook_messages SET created_at = now() - interval '31 days' WHERE endpoint_id = $1", [e.id]);
    expect(await pruneWebhookLog()).toBeGreaterThanOrEqual(1);
    expect((await messagesOf(e.id)).map((m) => m.status)).toEqual(["pending"]);
    expect(await ownerQuery("SELECT 1 FROM webhook_attempts WHERE endpoint_id = $1", [e.id])).toEqual([]);
  });
});
