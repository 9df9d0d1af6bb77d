import { beforeAll, describe, expect, it } from "vitest";
import { systemCaller, type Caller } from "@/lib/auth/caller";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { withTenantScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { GET as platformList } from "@/app/api/v1/audit-log/route";
import { GET as platformExport } from "@/app/api/v1/audit-log/export/route";
import { GET as tenantList } from "@/app/api/v1/tenants/[id]/audit-log/route";
import { GET as tenantExport } from "@/app/api/v1/tenants/[id]/audit-log/export/route";
import { GET as searchRoute } from "@/app/api/v1/tenants/audit-log/search/route";
import { callRoute } from "../support/call-route";
import { insertChainedAuditRows, type SeedAuditRow } from "../support/audit-rows";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { addMember, memberActor } from "../support/tenant-members";

/** Backdated rows on the tenant's chain (the services stamp now()). */
const insertEvents = (tenantId: string | null, rows: SeedAuditRow[]): Promise<string[]> => insertChainedAuditRows(tenantId, rows);

let auditorKey: string;
const fakeTenant = () => `tenant_${uniq("")}${uniq("")}`;

async function tenantLog(tenantId: string, query: string, key = auditorKey) {
  return callRoute(tenantList, { path: `/api/v1/tenants/${tenantId}/audit-log?${query}`, params: { id: tenantId }, key });
}

beforeAll(async () => {
  auditorKey = await makeApiKey(["tenants:read", "audit:read"]);
});

describe("the item: seed 002 §5's shape, from what publishEvent stored", () => {
  it("names the actor, the target with its label, and only the fields that changed (nested values by value)", async () => {
    const t = await makeTenant();
    const who = await addMember(t.id, "admin", { email: `${uniq("ann")}@example.test`, name: "Ann Example" });
    const caller: Caller = { kind: "user", id: who.id, label: who.email, platformRole: null, permissions: new Set(), meta: { ip: "203.0.113.7", userAgent: "AuditTest/1.0", requestId: "req_audit_shape" } };
    await withTenantScope(t.id, (tx) =>
      publishEvent(tx, caller, {
        tenantId: t.id,
        action: "role.updated",
        targetType: "role",
        targetId: "role_x",
        targetLabel: "Support",
        before: { name: "Support", permissions: ["members:read"], limits: { a: 1, b: [1, 2] }, gone: "yes" },
        after: { name: "Support", permissions: ["members:read", "audit:read"], limits: { b: [1, 2], a: 1 }, added: 3 },
      }),
    );
    const r = await tenantLog(t.id, "event_type=role.updated");
    expect(r.status).toBe(200);
    expect(r.json.data.next_cursor).toBeNull();
    expect(r.json.data.items).toHaveLength(1);
    const item = r.json.data.items[0];
    expect(item).toEqual({
      id: expect.stringMatching(/^evt_/),
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      event_type: "role.updated",
      actor: { type: "user", user_id: who.id, email: who.email, name: "Ann Example" },
      target: { type: "role", id: "role_x", label: "Support" },
      changes: {
        permissions: { before: ["members:read"], after: ["members:read", "audit:read"] },
        gone: { before: "yes", after: null },
        added: { before: null, after: 3 },
      },
      ip_address: "203.0.113.7",
      user_agent: "AuditTest/1.0",
      request_id: "req_audit_shape",
      tenant_id: t.id,
      tenant_name: t.name,
    });
  });

  it("labels real changes at their call sites: the member's email on a role change, the tenant's name on a suspension", async () => {
    const t = await makeTenant();
    const r = await tenantLog(t.id, "event_type=member.joined,tenant.created");
    const joined = r.json.data.items.find((e: { event_type: string }) => e.event_type === "member.joined");
    expect(joined.target).toEqual({ type: "user", id: expect.any(String), label: `owner@${t.slug}.test` });
    expect(r.json.data.items.find((e: { event_type: string }) => e.event_type === "tenant.created").target.label).toBe(t.name);
    expect(joined.actor).toEqual({ type: "system", name: "test" });
  });

  it("shows an API key as key_id and name", async () => {
    const tenantId = fakeTenant();
    await insertEvents(tenantId, [{ action: "member.invited", at: "2026-01-01T00:00:00Z", actorType: "api_key", actorId: "key_abc", actorLabel: "API key deploy-bot" }]);
    const r = await tenantLog(tenantId, "");
    expect(r.json.data.items[0].actor).toEqual({ type: "api_key", key_id: "key_abc", name: "API key deploy-bot" });
  });
});

describe("filters", () => {
  const tenantId = fakeTenant();
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const rows: (SeedAuditRow & { name: string })[] = [
      { name: "roleChange", action: "member.role_changed", at: "2026-03-01T10:00:00Z", actorType: "user", actorId: "user_alice", actorLabel: "alice@example.test", targetType: "user", targetId: "user_bob", targetLabel: "bob@example.test", before: { role: "member" }, after: { role: "manager" }, ip: "203.0.113.10" },
      { name: "invite", action: "member.invited", at: "2026-03-02T10:00:00Z", actorType: "api_key", actorId: "key_bot", actorLabel: "API key bot", targetType: "invitation", targetId: "inv_1", targetLabel: "carol@example.test", after: { email: "carol@example.test" }, ip: "198.51.100.20" },
      { name: "tenantUpdate", action: "tenant.updated", at: "2026-03-03T10:00:00Z", actorType: "user", actorId: "user_alice", actorLabel: "alice@example.test", targetType: "tenant", targetId: tenantId, targetLabel: "Acme", before: { name: "Acme" }, after: { name: "Acme 100% Rebrand" }, ip: "2001:db8::5" },
      { name: "roleCreated", action: "role.created", at: "2026-03-04T10:00:00Z", actorType: "system", actorLabel: "seed", targetType: "role", targetId: "role_support", targetLabel: "Support desk", after: { name: "Support desk" } },
      { name: "domain", action: "domain.verified", at: "2026-03-05T10:00:00Z", actorType: "user", actorId: "user_dave", actorLabel: "dave@example.test", targetType: "domain", targetId: "dom_1", targetLabel: "app.acme.example", after: { status: "verified" }, ip: "not-an-ip" },
    ];
    const inserted = await insertEvents(tenantId, rows);
    rows.forEach((r, i) => (ids[r.name] = inserted[i]));
  });

  const names = (json: { data: { items: { id: string }[] } }) => json.data.items.map((e) => Object.keys(ids).find((k) => ids[k] === e.id));
  const expectNames = async (query: string, expected: string[]) => {
    const r = await tenantLog(tenantId, query);
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(names(r.json)).toEqual(expected);
  };

  it("lists newest first without a filter", () => expectNames("", ["domain", "roleCreated", "tenantUpdate", "invite", "roleChange"]));

  it("event_type: exact, prefix with *, several comma-separated, and * for all", async () => {
    await expectNames("event_type=member.invited", ["invite"]);
    await expectNames("event_type=member.*", ["invite", "roleChange"]);
    await expectNames("event_type=tenant.updated,role.*", ["roleCreated", "tenantUpdate"]);
    await expectNames(`event_type=${encodeURIComponent("member.*, domain.verified")}`, ["domain", "invite", "roleChange"]);
    await expectNames("event_type=*", ["domain", "roleCreated", "tenantUpdate", "invite", "roleChange"]);
    // _ is a LIKE wildcard; the prefix is taken literally.
    await expectNames("event_type=member_*", []);
    await expectNames("event_type=member", []);
  });

  it("actor: a user id, a key id or an email (any case)", async () => {
    await expectNames("actor=user_alice", ["tenantUpdate", "roleChange"]);
    await expectNames("actor=key_bot", ["invite"]);
    await expectNames("actor=DAVE@example.test", ["domain"]);
  });

  it("target_type and target_id", async () => {
    await expectNames("target_type=role", ["roleCreated"]);
    await expectNames("target_id=user_bob", ["roleChange"]);
    await expectNames("target_type=user&target_id=inv_1", []);
  });

  it("from (inclusive) and to (exclusive), RFC 3339 with any offset", async () => {
    await expectNames("from=2026-03-02T10:00:00Z&to=2026-03-04T10:00:00Z", ["tenantUpdate", "invite"]);
    await expectNames(`from=${encodeURIComponent("2026-03-04T12:00:00+02:00")}`, ["domain", "roleCreated"]);
  });

  it("q: text in the actor, the target's label or the values, literally", async () => {
    await expectNames("q=carol", ["invite"]);
    await expectNames("q=ALICE", ["tenantUpdate", "roleChange"]);
    await expectNames("q=support%20desk", ["roleCreated"]);
    await expectNames("q=100%25", ["tenantUpdate"]);
    await expectNames("q=manager", ["roleChange"]);
    await expectNames("q=%25", ["tenantUpdate"]);
  });

  it("ip: an address or a CIDR range, v4 and v6; a stored value that is no address matches nothing", async () => {
    await expectNames("ip=203.0.113.10", ["roleChange"]);
    await expectNames(`ip=${encodeURIComponent("198.51.100.0/24")}`, ["invite"]);
    await expectNames(`ip=${encodeURIComponent("2001:db8::/32")}`, ["tenantUpdate"]);
    await expectNames(`ip=${encodeURIComponent("0.0.0.0/0")}`, ["invite", "roleChange"]);
  });

  it("combines filters with AND", async () => {
    await expectNames("actor=user_alice&event_type=member.*", ["roleChange"]);
    await expectNames("actor=user_alice&from=2026-03-02T00:00:00Z&q=rebrand&ip=2001:db8::5", ["tenantUpdate"]);
    await expectNames("event_type=member.*&target_type=invitation&ip=198.51.100.20&to=2026-03-02T10:00:00.001Z", ["invite"]);
  });

  it("answers 400 naming the field for bad input", async () => {
    const cases: [string, string][] = [
      ["from=yesterday", "from"],
      ["to=2026-13-01T00:00:00Z", "to"],
      ["from=2026-03-02T00:00:00", "from"],
      ["from=2026-03-05T00:00:00Z&to=2026-03-01T00:00:00Z", "to"],
      ["event_type=member.**", "event_type"],
      ["event_type=DROP%20TABLE", "event_type"],
      ["event_type=,", "event_type"],
      ["ip=999.1.1.1", "ip"],
      ["ip=10.0.0.0/33", "ip"],
      ["limit=0", "limit"],
      ["limit=201", "limit"],
      ["q=", "q"],
      ["tenant_id=x", "tenant_id"],
      ["bogus=1", "bogus"],
    ];
    for (const [query, field] of cases) {
      const r = await tenantLog(tenantId, query);
      expect(r.status, query).toBe(400);
      expect(r.json.error.code).toBe("invalid_request");
      expect(r.json.error.details.map((d: { path: string }) => d.path), query).toContain(field);
    }
  });
});

describe("keyset pagination", () => {
  it("walks every event once, in order, across pages of rows with identical timestamps, and ends with next_cursor null", async () => {
    const tenantId = fakeTenant();
    const stamps = ["2026-05-01T00:00:00Z", "2026-05-01T00:00:01Z", "2026-05-01T00:00:01Z", "2026-05-02T00:00:00Z"];
    const rows = Array.from({ length: 137 }, (_, i) => ({ action: "member.invited", at: stamps[i % stamps.length] }));
    const ids = await insertEvents(tenantId, rows);
    const expected = (await ownerQuery<{ id: string }>("SELECT id FROM audit_events WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC", [tenantId])).map((r) => r.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await tenantLog(tenantId, `limit=10${cursor ? `&cursor=${cursor}` : ""}`);
      expect(r.status).toBe(200);
      expect(r.json.data.items.length).toBeLessThanOrEqual(10);
      seen.push(...r.json.data.items.map((e: { id: string }) => e.id));
      cursor = r.json.data.next_cursor;
      pages++;
    } while (cursor && pages < 50);
    expect(pages).toBe(14);
    expect(seen).toEqual(expected);
    expect(new Set(seen)).toEqual(new Set(ids));
  });

  it("has no next page when the last page is exactly full", async () => {
    const tenantId = fakeTenant();
    await insertEvents(tenantId, Array.from({ length: 4 }, () => ({ action: "member.invited", at: "2026-05-01T00:00:00Z" })));
    const first = await tenantLog(tenantId, "limit=2");
    const second = await tenantLog(tenantId, `limit=2&cursor=${first.json.data.next_cursor}`);
    expect(second.json.data.items).toHaveLength(2);
    expect(second.json.data.next_cursor).toBeNull();
  });

  it("answers 400 invalid cursor for a cursor that was altered", async () => {
    const tenantId = fakeTenant();
    await insertEvents(tenantId, Array.from({ length: 3 }, () => ({ action: "member.invited", at: "2026-05-01T00:00:00Z" })));
    const good: string = (await tenantLog(tenantId, "limit=1")).json.data.next_cursor;
    const forged = [
      `${good}x`,
      good.slice(0, -2),
      "not a cursor",
      Buffer.from("[1,2]").toString("base64url"),
      Buffer.from('["2026-05-01T00:00:00.000Z","evt_1\' OR 1=1"]').toString("base64url"),
      Buffer.from('{"created_at":"2026-05-01"}').toString("base64url"),
    ];
    for (const cursor of forged) {
      const r = await tenantLog(tenantId, `cursor=${encodeURIComponent(cursor)}`);
      expect(r.status, cursor).toBe(400);
      expect(r.json.error.details).toEqual([{ path: "cursor", message: expect.stringMatching(/invalid cursor/i) }]);
    }
  });
});

describe("who sees what", () => {
  let a: { id: string; slug: string; name: string };
  let b: { id: string; slug: string; name: string };
  let aKey: string;
  let aViewerKey: string;
  const platformMarker = uniq("platform-evt-");
  beforeAll(async () => {
    // The audit log is an enterprise feature for a tenant's own members and keys.
    [a, b] = await Promise.all([makeTenant({ plan: "enterprise" }), makeTenant({ plan: "enterprise" })]);
    const mint = (id: string, permissions: string[]) => createTenantApiKey(platformActor(systemCaller("test")), id, { name: uniq("key-"), permissions }).then((r) => r.key);
    [aKey, aViewerKey] = await Promise.all([mint(a.id, ["audit:read"]), mint(a.id, ["members:read"])]);
    await insertEvents(null, [{ action: "user.created", at: new Date().toISOString(), targetType: "user", targetLabel: platformMarker }]);
  });
  const host = (slug: string) => ({ host: `${slug}.localhost:3000` });

  it("a tenant key sees its own tenant's events only, never another tenant's or the platform's", async () => {
    const r = await callRoute(tenantList, { path: `/api/v1/tenants/${a.id}/audit-log?limit=200`, params: { id: a.id }, key: aKey, headers: host(a.slug) });
    expect(r.status).toBe(200);
    expect(r.json.data.items.length).toBeGreaterThan(0);
    expect(r.json.data.items.every((e: { tenant_id: string }) => e.tenant_id === a.id)).toBe(true);
    const other = await callRoute(tenantList, { path: `/api/v1/tenants/${b.id}/audit-log`, params: { id: b.id }, key: aKey, headers: host(a.slug) });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe("cross_tenant_access_denied");
    for (const handler of [platformList, searchRoute]) {
      const platform = await callRoute(handler, { path: "/api/v1/audit-log", key: aKey, headers: host(a.slug) });
      expect(platform.status).toBe(403);
    }
  });

  it("a tenant member with audit:read reads their tenant's log; one without it is refused", async () => {
    const manager = await addMember(a.id, "manager");
    const plain = await addMember(a.id, "member");
    const page = await listAuditEvents(memberActor(a.id, manager.id), { kind: "tenant", tenantId: a.id }, { limit: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    await expect(listAuditEvents(memberActor(a.id, plain.id), { kind: "tenant", tenantId: a.id }, { limit: 5 })).rejects.toMatchObject({ code: "admin_privileges_required" });
    await expect(listAuditEvents(memberActor(a.id, manager.id), { kind: "tenant", tenantId: b.id }, { limit: 5 })).rejects.toMatchObject({ code: "cross_tenant_access_denied" });
    await expect(listAuditEvents(memberActor(a.id, manager.id), { kind: "platform" }, { limit: 5 })).rejects.toMatchObject({ code: "admin_privileges_required" });
  });

  it("refuses a tenant's own members and keys when the plan lacks the audit_logs feature, naming the plan; staff still read it", async () => {
    const pro = await makeTenant({ plan: "professional" });
    const key = await createTenantApiKey(platformActor(systemCaller("test")), pro.id, { name: uniq("key-"), permissions: ["audit:read"] }).then((r) => r.key);
    const refused = await callRoute(tenantList, { path: `/api/v1/tenants/${pro.id}/audit-log`, params: { id: pro.id }, key, headers: host(pro.slug) });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/Enterprise/);
    const manager = await addMember(pro.id, "manager");
    await expect(listAuditEvents(memberActor(pro.id, manager.id), { kind: "tenant", tenantId: pro.id }, { limit: 5 })).rejects.toMatchObject({ code: "tenant_access_denied" });
    const staff = await callRoute(tenantList, { path: `/api/v1/tenants/${pro.id}/audit-log`, params: { id: pro.id }, key: auditorKey });
    expect(staff.status).toBe(200);
  });

  it("refuses callers without audit:read with 403 before looking at the query", async () => {
    const viewer = await callRoute(tenantList, { path: `/api/v1/tenants/${a.id}/audit-log?from=garbage&cursor=bad`, params: { id: a.id }, key: aViewerKey, headers: host(a.slug) });
    expect(viewer.status).toBe(403);
    expect(viewer.json.error.code).toBe("admin_privileges_required");
    const readOnly = await makeApiKey(["tenants:read"]);
    type AnyHandler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
    const attempts: [AnyHandler, string][] = [
      [tenantList as AnyHandler, `/api/v1/tenants/${a.id}/audit-log?from=garbage`],
      [tenantExport as AnyHandler, `/api/v1/tenants/${a.id}/audit-log/export?format=xml`],
      [platformList as AnyHandler, "/api/v1/audit-log?from=garbage"],
      [platformExport as AnyHandler, "/api/v1/audit-log/export?format=xml"],
      [searchRoute as AnyHandler, "/api/v1/tenants/audit-log/search?ip=bad"],
    ];
    for (const [handler, path] of attempts) {
      const r = await callRoute(handler, { path, params: { id: a.id }, key: readOnly });
      expect(r.status, path).toBe(403);
    }
    const anonymous = await callRoute(platformList, { path: "/api/v1/audit-log" });
    expect(anonymous.status).toBe(401);
  });

  it("the platform view sees every tenant's events and the platform's; tenant_id narrows to one tenant or to platform events", async () => {
    // Other test files write events meanwhile, so each side is looked up by what only it contains.
    for (const [q, tenantId] of [[a.slug, a.id], [b.slug, b.id], [platformMarker, null]] as const) {
      const r = await callRoute(platformList, { path: `/api/v1/audit-log?q=${q}&limit=200`, key: auditorKey });
      expect(r.status).toBe(200);
      expect(r.json.data.items.length, q).toBeGreaterThan(0);
      expect(r.json.data.items.every((e: { tenant_id: string | null }) => e.tenant_id === tenantId)).toBe(true);
    }

    const onlyA = await callRoute(platformList, { path: `/api/v1/audit-log?tenant_id=${a.id}&limit=200`, key: auditorKey });
    expect(onlyA.json.data.items.length).toBeGreaterThan(0);
    expect(onlyA.json.data.items.every((e: { tenant_id: string; tenant_name: string }) => e.tenant_id === a.id && e.tenant_name === a.name)).toBe(true);

    const platformOnly = await callRoute(searchRoute, { path: `/api/v1/tenants/audit-log/search?tenant_id=platform&q=${platformMarker}`, key: auditorKey });
    expect(platformOnly.status).toBe(200);
    expect(platformOnly.json.data.items).toHaveLength(1);
    expect(platformOnly.json.data.items[0]).toMatchObject({ tenant_id: null, tenant_name: null, target: { label: platformMarker } });
    const noneOfThem = await callRoute(platformList, { path: `/api/v1/audit-log?tenant_id=platform&limit=200`, key: auditorKey });
    expect(noneOfThem.json.data.items.every((e: { tenant_id: string | null }) => e.tenant_id === null)).toBe(true);
  });

  it("answers 20 parallel list requests without a 500", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        i % 2
          ? callRoute(tenantList, { path: `/api/v1/tenants/${a.id}/audit-log?q=owner&event_type=member.*`, params: { id: a.id }, key: aKey, headers: host(a.slug) })
          : callRoute(platformList, { path: "/api/v1/audit-log?limit=200", key: auditorKey }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
  });
});
