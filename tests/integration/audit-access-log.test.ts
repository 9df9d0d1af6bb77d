import { beforeAll, describe, expect, it, vi } from "vitest";
import * as tenantVerifyRoute from "@/app/api/v1/tenants/[id]/audit-log/verify/route";
import * as platformVerifyRoute from "@/app/api/v1/audit-log/verify/route";
import { recordAccessDenied } from "@/lib/audit/access-log";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { systemCaller, type Caller } from "@/lib/auth/caller";
import { hashPassword } from "@/lib/auth/password";
import { ownerPool } from "@/lib/db/pools";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { verifyMemberCredentials, verifyStaffCredentials } from "@/lib/auth/sign-in";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { captureLogs } from "../support/log-capture";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember } from "../support/tenant-members";

// scrypt per attempt: room on a busy machine.
vi.setConfig({ testTimeout: 90_000 });

const PASSWORD = "correct horse battery staple";
const ip = () => `198.51.100.${uniq("")}`;
let passwordHash: string;
beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

type Row = { id: string; tenant_id: string | null; action: string; actor_type: string; actor_id: string | null; target_id: string | null; after: Record<string, unknown> | null; ip: string | null; user_agent: string | null };
const eventsFrom = (ipAddress: string) => ownerQuery<Row>("SELECT * FROM audit_events WHERE ip = $1 ORDER BY created_at, seq", [ipAddress]);

async function staffAccount(opts: { role?: string | null; status?: string } = {}) {
  const id = uniq("user_");
  const email = `${id}@atrium.test`;
  await ownerQuery("INSERT INTO users (id, email, name, password_hash, platform_role, status) VALUES ($1, $2, 'Staff', $3, $4, $5)", [id, email, passwordHash, opts.role === undefined ? "operator" : opts.role, opts.status ?? "active"]);
  return { id, email };
}

describe.concurrent("sign-in attempts are audited, never with the password", () => {
  it("staff: success and each kind of failure, on the platform chain", async () => {
    const a = ip();
    const ok = await staffAccount();
    const suspended = await staffAccount({ status: "suspended" });
    const notStaff = await staffAccount({ role: null });
    expect(await verifyStaffCredentials(ok.email, PASSWORD, a, "Browser/1.0")).toMatchObject({ id: ok.id });
    expect(await verifyStaffCredentials(ok.email, "wrong password here", a)).toBeNull();
    expect(await verifyStaffCredentials(`nobody-${uniq()}@atrium.test`, "whatever password", a)).toBeNull();
    expect(await verifyStaffCredentials(suspended.email, PASSWORD, a)).toBeNull();
    expect(await verifyStaffCredentials(notStaff.email, PASSWORD, a)).toBeNull();
    const rows = await eventsFrom(a);
    expect(rows.map((r) => [r.action, r.after?.reason ?? null, r.tenant_id])).toEqual([
      ["sign_in.succeeded", null, null],
      ["sign_in.failed", "wrong_password", null],
      ["sign_in.failed", "unknown_email", null],
      ["sign_in.failed", "suspended", null],
      ["sign_in.failed", "not_staff", null],
    ]);
    expect(rows[0]).toMatchObject({ actor_type: "user", actor_id: ok.id, target_id: ok.id, user_agent: "Browser/1.0", after: { email: ok.email, portal: "console" } });
    expect(rows[2]).toMatchObject({ actor_type: "system", actor_id: null, target_id: null });
    expect(JSON.stringify(rows)).not.toMatch(/correct horse|wrong password here|whatever password/);
  });

  it("throttled attempts are recorded as rate_limited, at most once a minute per address", async () => {
    const a = ip();
    const u = await staffAccount();
    for (let i = 0; i < 5; i++) expect(await verifyStaffCredentials(u.email, `guess ${i} of five`, a)).toBeNull();
    for (let i = 0; i < 3; i++) expect(await verifyStaffCredentials(u.email, PASSWORD, a)).toBeNull();
    const events = await eventsFrom(a);
    const reasons = events.filter((r) => r.action.startsWith("sign_in.")).map((r) => r.after?.reason);
    expect(reasons).toEqual(["wrong_password", "wrong_password", "wrong_password", "wrong_password", "wrong_password", "rate_limited"]);
    // The fifth failure also raised the account's security alert (lib/security-alerts/note-sign-in-failure.ts), once.
    expect(events.filter((r) => r.action === "security.repeated_sign_in_failures")).toHaveLength(1);
  });

  it("members: an account's attempts go to the tenant's chain, an unknown email to the platform's", async () => {
    const a = ip();
    const t = await makeTenant();
    const m = await addMember(t.id, "member");
    await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = $1", [m.id, passwordHash]);
    const outsider = await staffAccount({ role: null });
    const suspended = await addMember(t.id, "member", { status: "suspended" });
    await ownerQuery("UPDATE users SET password_hash = $2 WHERE id = $1", [suspended.id, passwordHash]);
    expect(await verifyMemberCredentials(m.email, PASSWORD, a, t.id)).toMatchObject({ id: m.id });
    expect(await verifyMemberCredentials(m.email, "not the password", a, t.id)).toBeNull();
    expect(await verifyMemberCredentials(outsider.email, PASSWORD, a, t.id)).toBeNull();
    expect(await verifyMemberCredentials(suspended.email, PASSWORD, a, t.id)).toBeNull();
    const unknown = `ghost-${uniq()}@nowhere.test`;
    expect(await verifyMemberCredentials(unknown, PASSWORD, a, t.id)).toBeNull();
    const rows = await eventsFrom(a);
    expect(rows.map((r) => [r.action, r.after?.reason ?? null, r.tenant_id])).toEqual([
      ["sign_in.succeeded", null, t.id],
      ["sign_in.failed", "wrong_password", t.id],
      ["sign_in.failed", "not_a_member", t.id],
      ["sign_in.failed", "suspended", t.id],
      ["sign_in.failed", "unknown_email", null],
    ]);
    expect(rows[4].after).toEqual({ email: unknown, portal: "tenant", tenant_id: t.id, reason: "unknown_email" });
    expect((await verifyAuditChain(t.id)).valid).toBe(true);
  });
});

describe("API keys used from a new address", () => {
  it("a tenant key's first use from each address is audited once, on the tenant's chain", async () => {
    const t = await makeTenant({ plan: "enterprise" });
    const { key, apiKey } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: uniq("k-"), permissions: ["audit:read"] });
    const host = `${t.slug}.localhost:3000`;
    const [a, b] = [ip(), ip()];
    for (const from of [a, a, b, a]) {
      const res = await callRoute(tenantVerifyRoute.GET, { key, params: { id: t.id }, headers: { host, "x-atrium-client-ip": from } });
      expect(res.status).toBe(200);
    }
    const rows = await ownerQuery<Row>("SELECT * FROM audit_events WHERE action = 'api_key.used_from_new_ip' AND target_id = $1 ORDER BY seq", [apiKey.id]);
    expect(rows.map((r) => [r.after?.ip, r.tenant_id, r.actor_id])).toEqual([
      [a, t.id, apiKey.id],
      [b, t.id, apiKey.id],
    ]);
  });

  it("a platform key's go to the platform chain", async () => {
    const key = await makeApiKey(["audit:read"]);
    const from = ip();
    await callRoute(platformVerifyRoute.GET, { key, headers: { "x-atrium-client-ip": from }, path: "/api/v1/audit-log/verify" });
    const rows = await eventsFrom(from);
    expect(rows.map((r) => [r.action, r.tenant_id])).toEqual([["api_key.used_from_new_ip", null]]);
  });
});

describe("permission-denied answers on the API", () => {
  it("are audited once per caller and operation a minute, on the caller's chain", async () => {
    const t = await makeTenant();
    const { key, apiKey } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: uniq("k-"), permissions: ["members:read"] });
    const host = `${t.slug}.localhost:3000`;
    const statuses = await Promise.all(Array.from({ length: 20 }, () => callRoute(tenantVerifyRoute.GET, { key, params: { id: t.id }, headers: { host } }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([403]));
    const denied = await ownerQuery<Row>("SELECT * FROM audit_events WHERE action = 'access.denied' AND actor_id = $1", [apiKey.id]);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({
      tenant_id: t.id,
      actor_type: "api_key",
      after: { operation: "GET /api/v1/tenants/{id}/audit-log/verify", required_permission: "audit:read", code: "admin_privileges_required", tenant_id: t.id },
    });
    expect((await verifyAuditChain(t.id)).valid).toBe(true);
  });

  it("a platform key without audit:read is audited on the platform chain", async () => {
    const key = await makeApiKey(["tenants:read"]);
    const from = ip();
    const res = await callRoute(platformVerifyRoute.GET, { key, headers: { "x-atrium-client-ip": from }, path: "/api/v1/audit-log/verify" });
    expect(res.status).toBe(403);
    const rows = (await eventsFrom(from)).filter((r) => r.action === "access.denied");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tenant_id: null, after: { operation: "GET /api/v1/audit-log/verify", required_permission: "audit:read" } });
  });

  it("a tenant key used on another tenant's host (or the console) is audited on the key's own chain", async () => {
    const [t, other] = await Promise.all([makeTenant(), makeTenant()]);
    const { key, apiKey } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: uniq("k-"), permissions: ["audit:read"] });
    const elsewhere = await callRoute(tenantVerifyRoute.GET, { key, params: { id: other.id }, headers: { host: `${other.slug}.localhost:3000` }, path: `/api/v1/tenants/${other.id}/audit-log/verify` });
    expect(elsewhere.json.error.code).toBe("cross_tenant_access_denied");
    const console_ = await callRoute(platformVerifyRoute.GET, { key, path: "/api/v1/audit-log/verify" });
    expect(console_.json.error.code).toBe("cross_tenant_access_denied");
    const rows = await ownerQuery<Row>("SELECT * FROM audit_events WHERE action = 'access.denied' AND actor_id = $1 ORDER BY seq", [apiKey.id]);
    expect(rows.map((r) => [r.tenant_id, r.after?.operation, r.after?.tenant_id ?? null])).toEqual([
      [t.id, `GET /api/v1/tenants/${other.id}/audit-log/verify`, other.id],
      [t.id, "GET /api/v1/audit-log/verify", null],
    ]);
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE tenant_id = $1 AND action = 'access.denied'", [other.id])).toHaveLength(0);
  });

  it("a record that cannot be written leaves the answer alone (no throw)", async () => {
    const broken = { kind: "nobody", id: "x", label: "x", permissions: new Set(), meta: { ip: null, userAgent: null, requestId: null } } as unknown as Caller;
    const logs = captureLogs("error");
    try {
      await expect(recordAccessDenied({ caller: broken, tenantId: null, operation: `GET /x/${uniq()}`, requiredPermission: null, code: "admin_privileges_required", targetTenantId: null })).resolves.toBeUndefined();
      expect(logs.lines).toEqual([expect.objectContaining({ level: "error", component: "audit", what: expect.stringContaining("access denial"), err: expect.objectContaining({ message: expect.any(String) }) })]);
    } finally {
      logs.stop();
    }
  });
});

describe("GET …/audit-log/verify", () => {
  it("answers the tenant's chain to platform staff and to its own keys; another tenant's id is refused", async () => {
    const [t, other] = await Promise.all([makeTenant({ plan: "enterprise" }), makeTenant({ plan: "enterprise" })]);
    const staffKey = await makeApiKey(["audit:read", "tenants:read"]);
    const res = await callRoute(tenantVerifyRoute.GET, { key: staffKey, params: { id: t.id } });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ valid: true, first_broken_event_id: null, checkpoint: null });
    expect(res.json.data.checked).toBeGreaterThan(0);

    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: uniq("k-"), permissions: ["audit:read"] });
    const host = `${t.slug}.localhost:3000`;
    expect((await callRoute(tenantVerifyRoute.GET, { key, params: { id: t.id }, headers: { host } })).json.data.valid).toBe(true);
    expect((await callRoute(tenantVerifyRoute.GET, { key, params: { id: other.id }, headers: { host } })).json.error.code).toBe("cross_tenant_access_denied");

    const [victim] = await ownerQuery<{ id: string }>("SELECT id FROM audit_events WHERE tenant_id = $1 ORDER BY seq LIMIT 1", [t.id]);
    const client = await ownerPool().connect();
    try {
      await client.query("BEGIN; SET LOCAL session_replication_role = replica");
      await client.query("UPDATE audit_events SET actor_label = 'forged' WHERE id = $1", [victim.id]);
      await client.query("COMMIT");
    } finally {
      client.release();
    }
    const after = await callRoute(tenantVerifyRoute.GET, { key: staffKey, params: { id: t.id } });
    expect(after.json.data).toMatchObject({ valid: false, checked: 1, first_broken_event_id: victim.id });
  });

  it("20 parallel verifications of a chain being written to all answer 200", async () => {
    const t = await makeTenant();
    const key = await makeApiKey(["audit:read", "tenants:read"]);
    const writes = Array.from({ length: 10 }, () => withTenantScope(t.id, (tx) => publishEvent(tx, systemCaller("w"), { tenantId: t.id, action: "test.event", targetType: "test", targetId: null })));
    const reads = Array.from({ length: 20 }, () => callRoute(tenantVerifyRoute.GET, { key, params: { id: t.id } }));
    const [answers] = await Promise.all([Promise.all(reads), Promise.all(writes)]);
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.every((a) => a.json.data.valid)).toBe(true);
  });

  it("the platform route verifies the platform chain, or a tenant's with ?tenant_id=; bad or unknown ids are 400/404", async () => {
    const t = await makeTenant();
    const key = await makeApiKey(["audit:read"]);
    const platform = await callRoute(platformVerifyRoute.GET, { key, path: "/api/v1/audit-log/verify" });
    expect(platform.status).toBe(200);
    expect(platform.json.data.valid).toBe(true);
    const one = await callRoute(platformVerifyRoute.GET, { key, path: `/api/v1/audit-log/verify?tenant_id=${t.id}` });
    expect(one.json.data).toMatchObject({ valid: true });
    expect((await callRoute(platformVerifyRoute.GET, { key, path: "/api/v1/audit-log/verify?tenant_id=tenant_nope" })).status).toBe(404);
    const bad = await callRoute(platformVerifyRoute.GET, { key, path: `/api/v1/audit-log/verify?tenant_id=${"x".repeat(65)}` });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("tenant_id");
  });
});
