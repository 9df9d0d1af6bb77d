import { beforeAll, describe, expect, it } from "vitest";
import * as endpointRoute from "@/app/api/v1/tenants/[id]/webhooks/[endpoint_id]/route";
import * as deliveriesRoute from "@/app/api/v1/tenants/[id]/webhooks/[endpoint_id]/deliveries/route";
import * as replayRoute from "@/app/api/v1/tenants/[id]/webhooks/[endpoint_id]/deliveries/[delivery_id]/replay/route";
import * as recoverRoute from "@/app/api/v1/tenants/[id]/webhooks/[endpoint_id]/recover/route";
import * as rotateRoute from "@/app/api/v1/tenants/[id]/webhooks/[endpoint_id]/rotate-secret/route";
import * as testRoute from "@/app/api/v1/tenants/[id]/webhooks/[endpoint_id]/test/route";
import * as listRoute from "@/app/api/v1/tenants/[id]/webhooks/route";
import * as platformOneRoute from "@/app/api/v1/webhooks/[endpoint_id]/route";
import * as eventTypesRoute from "@/app/api/v1/webhooks/event-types/route";
import * as platformListRoute from "@/app/api/v1/webhooks/route";
import { systemCaller } from "@/lib/auth/caller";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { BUILT_IN_ROLES } from "@/lib/tenant-access/permissions";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

let T: { id: string; slug: string };
let adminKey: string;
let auditorKey: string;
let tenantAdminKey: string;
let viewerKey: string;
let foreignKey: string;
let other: { id: string; slug: string };

const tenantKey = (id: string, permissions: string[]) => createTenantApiKey(platformActor(systemCaller("test")), id, { name: uniq("key-"), permissions }).then((r) => r.key);
const hostOf = (t: { slug: string }) => `${t.slug}.localhost:3000`;
const url = (p = "") => `https://hooks.example.com/${uniq("h")}${p}`;

beforeAll(async () => {
  [T, other] = await Promise.all([makeTenant(), makeTenant()]);
  [adminKey, auditorKey, tenantAdminKey, viewerKey, foreignKey] = await Promise.all([
    makeApiKey(),
    makeApiKey(["tenants:read", "audit:read"]),
    tenantKey(T.id, [...BUILT_IN_ROLES.admin.permissions]),
    tenantKey(T.id, [...BUILT_IN_ROLES.viewer.permissions]),
    tenantKey(other.id, [...BUILT_IN_ROLES.admin.permissions]),
  ]);
});

const create = (body: unknown, key = adminKey, tenant = T, host = "localhost:3000") =>
  callRoute(listRoute.POST, { method: "POST", key, body, params: { id: tenant.id }, headers: { host } });
const endpointCount = async (tenantId: string) => (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM webhook_endpoints WHERE tenant_id = $1", [tenantId]))[0].n;

describe("tenant endpoints", () => {
  it("creates an endpoint, shows its secret once, never again, and reads, changes, disables, re-enables and deletes it", async () => {
    const r = await create({ url: url(), description: "CRM sync", event_types: ["member.*", "tenant.updated"] });
    expect(r.status).toBe(201);
    const { endpoint, secret } = r.json.data;
    expect(secret).toMatch(/^whsec_/);
    expect(endpoint).toMatchObject({ tenant_id: T.id, description: "CRM sync", event_types: ["member.*", "tenant.updated"], enabled: true, disabled_reason: null });
    const stored = await ownerQuery<{ secret_ciphertext: string }>("SELECT secret_ciphertext FROM webhook_endpoints WHERE id = $1", [endpoint.id]);
    expect(stored[0].secret_ciphertext).not.toContain(secret.slice(6));

    const list = await callRoute(listRoute.GET, { key: adminKey, params: { id: T.id } });
    expect(list.status).toBe(200);
    expect(list.json.data.endpoints.map((e: { id: string }) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(list.json)).not.toContain(secret.slice(6, 20));
    expect(JSON.stringify(list.json)).not.toMatch(/ciphertext|whsec_/);

    const one = await callRoute(endpointRoute.GET, { key: adminKey, params: { id: T.id, endpoint_id: endpoint.id } });
    expect(one.status).toBe(200);
    expect(one.json.data.stats).toMatchObject({ window_hours: 24, delivered: 0, failed: 0, success_rate: null, pending: 0 });
    expect(one.json.data.stats.hourly).toHaveLength(24);

    const params = { id: T.id, endpoint_id: endpoint.id };
    const patched = await callRoute(endpointRoute.PATCH, { method: "PATCH", key: adminKey, params, body: { description: "CRM", event_types: ["*"] } });
    expect(patched.status).toBe(200);
    expect(patched.json.data.endpoint).toMatchObject({ description: "CRM", event_types: ["*"] });
    const off = await callRoute(endpointRoute.PATCH, { method: "PATCH", key: adminKey, params, body: { enabled: false } });
    expect(off.json.data.endpoint).toMatchObject({ enabled: false, disabled_reason: "manual" });
    const on = await callRoute(endpointRoute.PATCH, { method: "PATCH", key: adminKey, params, body: { enabled: true } });
    expect(on.json.data.endpoint).toMatchObject({ enabled: true, disabled_reason: null, disabled_at: null });

    const rotated = await callRoute(rotateRoute.POST, { method: "POST", key: adminKey, params });
    expect(rotated.status).toBe(200);
    expect(rotated.json.data.secret).toMatch(/^whsec_/);
    expect(rotated.json.data.secret).not.toBe(secret);
    expect(rotated.json.data.endpoint.secret_rotating_until).not.toBeNull();

    const del = await callRoute(endpointRoute.DELETE, { method: "DELETE", key: adminKey, params });
    expect(del.json.data).toEqual({ deleted: true, id: endpoint.id });
    expect((await callRoute(endpointRoute.GET, { key: adminKey, params })).status).toBe(404);
    const audit = await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE target_id = $1 ORDER BY created_at, id", [endpoint.id]);
    expect(audit.map((a) => a.action)).toEqual(["webhook.endpoint_created", "webhook.endpoint_updated", "webhook.endpoint_updated", "webhook.endpoint_updated", "webhook.secret_rotated", "webhook.endpoint_deleted"]);
  });

  it("answers bad input with 400 naming the field, and writes nothing", async () => {
    const before = await endpointCount(T.id);
    const cases: [unknown, string, RegExp?][] = [
      [{ url: "http://hooks.example.com/x", event_types: ["*"] }, "url", /https/],
      [{ url: "https://user:pw@hooks.example.com/x", event_types: ["*"] }, "url", /password/],
      [{ url: "https://169.254.169.254/latest", event_types: ["*"] }, "url", /address/],
      [{ url: "https://10.0.0.1/x", event_types: ["*"] }, "url", /address/],
      [{ url: "https://[::1]/x", event_types: ["*"] }, "url", /address/],
      [{ url: "not a url", event_types: ["*"] }, "url"],
      [{ url: url(), event_types: ["tenant.exploded"] }, "event_types.0", /Unknown event type/],
      [{ url: url(), event_types: [] }, "event_types"],
      [{ url: url() }, "event_types"],
      [{ url: url(), event_types: ["*"], secret: "mine" }, "secret"],
      [{ url: url(), event_types: ["*"], description: "x".repeat(501) }, "description"],
    ];
    for (const [body, path, message] of cases) {
      const r = await create(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      const detail = r.json.error.details.find((d: { path: string }) => d.path === path);
      expect(detail, `${JSON.stringify(body)} → ${JSON.stringify(r.json.error.details)}`).toBeDefined();
      if (message) expect(detail.message).toMatch(message);
    }
    expect(await endpointCount(T.id)).toBe(before);
    const { endpoint } = (await create({ url: url(), event_types: ["*"] })).json.data;
    const bad = await callRoute(endpointRoute.PATCH, { method: "PATCH", key: adminKey, params: { id: T.id, endpoint_id: endpoint.id }, body: {} });
    expect(bad.status).toBe(400);
    const badUrl = await callRoute(endpointRoute.PATCH, { method: "PATCH", key: adminKey, params: { id: T.id, endpoint_id: endpoint.id }, body: { url: "ftp://x" } });
    expect(badUrl.json.error.details[0].path).toBe("url");
  });

  it("needs webhooks:manage: tenant admins' keys may, viewers and other tenants' keys and read-only staff may not", async () => {
    const onHost = (key: string, t = T) => callRoute(listRoute.GET, { key, params: { id: T.id }, headers: { host: hostOf(t) } });
    expect((await onHost(tenantAdminKey)).status).toBe(200);
    expect((await onHost(viewerKey)).status).toBe(403);
    expect((await onHost(foreignKey, other)).status).toBe(403);
    expect((await callRoute(listRoute.GET, { key: auditorKey, params: { id: T.id } })).status).toBe(403);
    const viewerPost = await create({ url: url(), event_types: ["*"] }, viewerKey, T, hostOf(T));
    expect(viewerPost.status).toBe(403);
    expect((await callRoute(platformListRoute.GET, { key: auditorKey })).status).toBe(403);
    expect((await create({ url: url(), event_types: ["*"] }, tenantAdminKey, T, hostOf(T))).status).toBe(201);
  });

  it("20 parallel creations: every one answered 201, none 500", async () => {
    const fresh = await makeTenant();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => create({ url: url(`/${i}`), event_types: ["*"] }, adminKey, fresh)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(await endpointCount(fresh.id)).toBe(20);
  });
  it("20 parallel changes to one endpoint (edits, rotations, tests, a delete): no 500, and each answer is 200, 202 or 404", async () => {
    const { endpoint } = (await create({ url: url(), event_types: ["*"] })).json.data;
    const params = { id: T.id, endpoint_id: endpoint.id };
    const calls = Array.from({ length: 20 }, (_, i) => {
      if (i === 15) return callRoute(endpointRoute.DELETE, { method: "DELETE", key: adminKey, params });
      if (i % 3 === 0) return callRoute(rotateRoute.POST, { method: "POST", key: adminKey, params });
      if (i % 3 === 1) return callRoute(testRoute.POST, { method: "POST", key: adminKey, params });
      return callRoute(endpointRoute.PATCH, { method: "PATCH", key: adminKey, params, body: { description: `edit ${i}` } });
    });
    const answers = await Promise.all(calls);
    expect(answers.filter((r) => ![200, 202, 404].includes(r.status)).map((r) => `${r.status} ${JSON.stringify(r.json?.error)}`)).toEqual([]);
  });
});

describe("platform endpoints", () => {
  it("are apart from tenants' endpoints on both sides", async () => {
    const r = await callRoute(platformListRoute.POST, { method: "POST", key: adminKey, body: { url: url(), event_types: ["*"] } });
    expect(r.status).toBe(201);
    expect(r.json.data.endpoint.tenant_id).toBeNull();
    const platformId = r.json.data.endpoint.id;
    const tenantOne = (await create({ url: url(), event_types: ["*"] })).json.data.endpoint.id;
    const list = await callRoute(platformListRoute.GET, { key: adminKey });
    const ids = list.json.data.endpoints.map((e: { id: string }) => e.id);
    expect(ids).toContain(platformId);
    expect(ids).not.toContain(tenantOne);
    expect((await callRoute(platformOneRoute.GET, { key: adminKey, params: { endpoint_id: tenantOne } })).status).toBe(404);
    expect((await callRoute(endpointRoute.GET, { key: adminKey, params: { id: T.id, endpoint_id: platformId } })).status).toBe(404);
    expect((await callRoute(platformOneRoute.GET, { key: auditorKey, params: { endpoint_id: platformId } })).status).toBe(403);
  });
});

describe("deliveries", () => {
  let endpointId: string;
  const params = () => ({ id: T.id, endpoint_id: endpointId });
  beforeAll(async () => {
    endpointId = (await create({ url: url(), event_types: ["role.*"] })).json.data.endpoint.id;
  });

  it("queues a test event and lists deliveries newest first, keyset-paginated and filtered by status", async () => {
    const sent = [];
    for (let i = 0; i < 5; i++) {
      const r = await callRoute(testRoute.POST, { method: "POST", key: adminKey, params: params() });
      expect(r.status).toBe(202);
      expect(r.json.data.delivery).toMatchObject({ event_type: "webhook.test", status: "pending", attempts: 0 });
      expect(r.json.data.delivery.payload).toMatchObject({ type: "webhook.test", tenant_id: T.id, data: { endpoint_id: endpointId } });
      sent.push(r.json.data.delivery.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/x?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = await callRoute(deliveriesRoute.GET, { key: adminKey, params: params(), path });
      expect(page.status).toBe(200);
      expect(page.json.data.deliveries.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.data.deliveries.map((d: { id: string }) => d.id));
      cursor = page.json.data.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...sent].reverse());
    await ownerQuery("UPDATE webhook_messages SET status = 'failed', attempts = 8 WHERE id = $1", [sent[0]]);
    const failed = await callRoute(deliveriesRoute.GET, { key: adminKey, params: params(), path: "/x?status=failed" });
    expect(failed.json.data.deliveries.map((d: { id: string }) => d.id)).toEqual([sent[0]]);
    expect((await callRoute(deliveriesRoute.GET, { key: adminKey, params: params(), path: "/x?status=lost" })).json.error.details[0].path).toBe("status");
    expect((await callRoute(deliveriesRoute.GET, { key: adminKey, params: params(), path: "/x?cursor=nonsense" })).json.error.details[0].path).toBe("cursor");
    expect((await callRoute(deliveriesRoute.GET, { key: adminKey, params: params(), path: "/x?limit=500" })).json.error.details[0].path).toBe("limit");
  });

  it("replays one delivery and recovers every failed one since a time", async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await callRoute(testRoute.POST, { method: "POST", key: adminKey, params: params() })).json.data.delivery.id);
    await ownerQuery("UPDATE webhook_messages SET status = 'failed', attempts = 8, created_at = now() - interval '2 days' WHERE id = $1", [ids[0]]);
    await ownerQuery("UPDATE webhook_messages SET status = 'failed', attempts = 8 WHERE id = ANY($1)", [ids.slice(1)]);
    const replay = await callRoute(replayRoute.POST, { method: "POST", key: adminKey, params: { ...params(), delivery_id: ids[0] } });
    expect(replay.status).toBe(202);
    expect(replay.json.data.delivery).toMatchObject({ id: ids[0], status: "pending", attempts: 0 });
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const recover = await callRoute(recoverRoute.POST, { method: "POST", key: adminKey, params: params(), body: { since } });
    expect(recover.status).toBe(202);
    expect(recover.json.data.requeued).toBeGreaterThanOrEqual(2);
    const statuses = await ownerQuery<{ status: string }>("SELECT status FROM webhook_messages WHERE id = ANY($1)", [ids]);
    expect(statuses.every((s) => s.status === "pending")).toBe(true);
    const bad = await callRoute(recoverRoute.POST, { method: "POST", key: adminKey, params: params(), body: { since: "yesterday" } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("since");
    expect((await callRoute(replayRoute.POST, { method: "POST", key: adminKey, params: { ...params(), delivery_id: "msg_missing" } })).status).toBe(404);
    await callRoute(endpointRoute.PATCH, { method: "PATCH", key: adminKey, params: params(), body: { enabled: false } });
    expect((await callRoute(replayRoute.POST, { method: "POST", key: adminKey, params: { ...params(), delivery_id: ids[0] } })).status).toBe(409);
  });
});

describe("the catalogue and the document", () => {
  it("lists every event type with an example payload, publicly", async () => {
    const r = await callRoute(eventTypesRoute.GET, {});
    expect(r.status).toBe(200);
    const types = r.json.data.event_types as { type: string; reserved: boolean; example: Record<string, unknown> }[];
    for (const t of ["tenant.created", "tenant.updated", "tenant.suspended", "tenant.deleted", "tenant.reactivated", "tenant.restored", "member.joined", "member.role_changed", "invitation.revoked", "role.created", "domain.verified", "domain.failed", "branding.updated", "api_key.created"]) {
      expect(types.find((e) => e.type === t), t).toMatchObject({ reserved: false });
    }
    // Sent by the limits check since issue 11 (lib/limits/): no longer reserved.
    for (const t of ["tenant.limits.exceeded", "resources.quota.warning", "resources.quota.exceeded"]) expect(types.find((e) => e.type === t), t).toMatchObject({ reserved: false });
    // Published by lib/tenant-migrations since issue 12.
    for (const t of ["schema.migration.started", "schema.migration.completed", "schema.migration.failed"]) expect(types.find((e) => e.type === t), t).toMatchObject({ reserved: false });
    for (const t of ["tenant.backup.completed"]) expect(types.find((e) => e.type === t), t).toMatchObject({ reserved: true });
    for (const e of types) expect(Object.keys(e.example).sort(), e.type).toEqual(["data", "id", "tenant_id", "timestamp", "type"]);
  });

  it("documents the routes and, in OpenAPI 3.1's webhooks section, each event's payload", () => {
    const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, unknown>>; webhooks: Record<string, { post: { requestBody: { content: Record<string, { example: { type: string } }> } } }> };
    expect(Object.keys(doc.paths["/api/v1/tenants/{id}/webhooks/{endpoint_id}"]).sort()).toEqual(["delete", "get", "patch"]);
    expect(doc.paths["/api/v1/webhooks/{endpoint_id}/deliveries/{delivery_id}/replay"]).toHaveProperty("post");
    expect(doc.webhooks["tenant.deleted"].post.requestBody.content["application/json"].example.type).toBe("tenant.deleted");
  });
});
