import { describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as suspendRoute from "@/app/api/v1/tenants/[id]/suspend/route";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { ownerQuery } from "../support/db";

const body = (slug: string) => ({ tenant: { name: `Idem ${slug}`, slug, plan: "basic", admin_user: { email: `o@${slug}.test`, name: "O" } } });

describe("Idempotency-Key on POST /api/v1/tenants", () => {
  it("the same key and body twice → the same response, one tenant, Idempotent-Replayed: true", async () => {
    const key = await makeApiKey();
    const slug = uniq("idem-");
    const idem = uniq("key-");
    const first = await callRoute(tenantsRoute.POST, { method: "POST", key, body: body(slug), headers: { "idempotency-key": idem } });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const second = await callRoute(tenantsRoute.POST, { method: "POST", key, body: body(slug), headers: { "idempotency-key": idem } });
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json).toEqual(first.json);
    expect(await ownerQuery("SELECT id FROM tenants WHERE slug = $1", [slug])).toEqual([{ id: first.json.data.tenant.id }]);
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE target_id = $1 AND action = 'tenant.created'", [first.json.data.tenant.id])).toHaveLength(1);
  });

  it("the same key with a different body → 422 idempotency_key_reused, nothing created", async () => {
    const key = await makeApiKey();
    const idem = uniq("key-");
    const a = uniq("idem-");
    const b = uniq("idem-");
    expect((await callRoute(tenantsRoute.POST, { method: "POST", key, body: body(a), headers: { "idempotency-key": idem } })).status).toBe(201);
    const reused = await callRoute(tenantsRoute.POST, { method: "POST", key, body: body(b), headers: { "idempotency-key": idem } });
    expect(reused.status).toBe(422);
    expect(reused.json.error.code).toBe("idempotency_key_reused");
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [b])).toEqual([]);
  });

  it("keys belong to their caller: another key may use the same Idempotency-Key", async () => {
    const [k1, k2] = await Promise.all([makeApiKey(), makeApiKey()]);
    const idem = uniq("key-");
    const a = uniq("idem-");
    const b = uniq("idem-");
    expect((await callRoute(tenantsRoute.POST, { method: "POST", key: k1, body: body(a), headers: { "idempotency-key": idem } })).status).toBe(201);
    const other = await callRoute(tenantsRoute.POST, { method: "POST", key: k2, body: body(b), headers: { "idempotency-key": idem } });
    expect(other.status).toBe(201);
    expect(other.headers.get("idempotent-replayed")).toBeNull();
    expect(other.json.data.tenant.slug).toBe(b);
  });

  it("replays a 4xx too (the request was understood and answered)", async () => {
    const key = await makeApiKey();
    const idem = uniq("key-");
    const bad = { tenant: { name: "x" } };
    const first = await callRoute(tenantsRoute.POST, { method: "POST", key, body: bad, headers: { "idempotency-key": idem } });
    expect(first.status).toBe(400);
    const second = await callRoute(tenantsRoute.POST, { method: "POST", key, body: bad, headers: { "idempotency-key": idem } });
    expect(second.status).toBe(400);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json).toEqual(first.json);
  });

  it("concurrent retries with one key create one tenant; the others wait (409) or replay", async () => {
    const key = await makeApiKey();
    const slug = uniq("idem-");
    const idem = uniq("key-");
    const results = await Promise.all(
      Array.from({ length: 4 }, () => callRoute(tenantsRoute.POST, { method: "POST", key, body: body(slug), headers: { "idempotency-key": idem } })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of results) {
      if (r.status === 409) expect(r.json.error.code).toBe("idempotency_request_in_progress");
      else expect(r.status).toBe(201);
    }
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [slug])).toHaveLength(1);
  });

  it("an over-long key → 400", async () => {
    const key = await makeApiKey();
    const r = await callRoute(tenantsRoute.POST, { method: "POST", key, body: body(uniq("idem-")), headers: { "idempotency-key": "k".repeat(256) } });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_request");
  });

  it("applies to other POSTs (suspend) as well", async () => {
    const key = await makeApiKey();
    const t = await makeTenant();
    const idem = uniq("key-");
    const call = () => callRoute(suspendRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${t.id}/suspend`, params: { id: t.id }, body: { reason: "r" }, headers: { "idempotency-key": idem } });
    const first = await call();
    expect(first.status).toBe(200);
    const retry = await call();
    expect(retry.status).toBe(200); // not 409 invalid_state: the retry gets the first answer
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await ownerQuery("SELECT 1 FROM audit_events WHERE target_id = $1 AND action = 'tenant.suspended'", [t.id])).toHaveLength(1);
  });
});
