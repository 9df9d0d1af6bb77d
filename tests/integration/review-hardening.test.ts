import { describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { db } from "@/lib/db/prisma";
import { withTenantScope } from "@/lib/db/scope";
import { appPool } from "@/lib/db/pools";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

describe("the tenants table is tenant-owned too", () => {
  it("inside tenant A, tenant B's row can be neither read nor changed", async () => {
    const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
    const seen = await withTenantScope(a.id, (tx) => tx.tenant.findMany({ where: { id: { in: [a.id, b.id] } } }));
    expect(seen.map((t) => t.id)).toEqual([a.id]);
    const changed = await withTenantScope(a.id, (tx) => tx.tenant.updateMany({ where: { id: b.id }, data: { name: "hijacked" } }));
    expect(changed.count).toBe(0);
    expect(await db().tenant.findMany({ where: { id: { in: [a.id, b.id] } } })).toEqual([]);
  });

  it("host resolution still finds a tenant by its subdomain, through the narrow function", async () => {
    const t = await makeTenant();
    const r = await resolveHost(`${t.slug}.localhost:3000`);
    expect(r).toMatchObject({ kind: "tenant", tenant: { id: t.id, slug: t.slug, status: "active" } });
  });
});

describe("api_keys writes need platform scope", () => {
  it("outside any scope the app role cannot create or revoke a platform key", async () => {
    await expect(
      appPool().query("INSERT INTO api_keys (id, name, scope, prefix, key_hash, permissions) VALUES ($1, 'x', 'platform', 'atr_x', $2, '{}')", [uniq("key_"), uniq("hash")]),
    ).rejects.toThrow(/row-level security/);
    const key = await makeApiKey(["tenants:read"]);
    const revoked = await appPool().query("UPDATE api_keys SET revoked_at = now() WHERE prefix = $1", [key.slice(0, 12)]);
    expect(revoked.rowCount).toBe(0);
    // Authentication still works and notes the use.
    const res = await callRoute(tenantsRoute.GET, { key, path: "/api/v1/tenants?page_size=1" });
    expect(res.status).toBe(200);
  });
});

describe("the platform API answers only on the console host", () => {
  it("a platform key on a tenant's host gets 403 cross_tenant_access_denied", async () => {
    const [key, t] = await Promise.all([makeApiKey(), makeTenant()]);
    const res = await callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${t.id}`, params: { id: t.id }, headers: { host: `${t.slug}.localhost:3000` } });
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe("cross_tenant_access_denied");
  });
});

describe("DELETE and cancel-deletion honour If-Match", () => {
  it("a stale ETag is refused with 412 and nothing is scheduled", async () => {
    const [key, t] = await Promise.all([makeApiKey(), makeTenant()]);
    const res = await callRoute(tenantRoute.DELETE, {
      method: "DELETE",
      key,
      path: `/api/v1/tenants/${t.id}?confirmation=DELETE_PERMANENTLY&grace_period_days=3`,
      params: { id: t.id },
      headers: { "if-match": `W/"${t.id}-0"` },
    });
    expect(res.status).toBe(412);
    const got = await callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${t.id}`, params: { id: t.id } });
    expect(got.json.data.tenant.status).toBe("active");
    // The strong form of the current tag matches too.
    const strong = got.headers.get("etag")!.replace(/^W\//, "");
    const ok = await callRoute(tenantRoute.DELETE, {
      method: "DELETE",
      key,
      path: `/api/v1/tenants/${t.id}?confirmation=DELETE_PERMANENTLY&grace_period_days=3`,
      params: { id: t.id },
      headers: { "if-match": strong },
    });
    expect(ok.status).toBe(200);
  });
});

describe("idempotent replays", () => {
  it("replay the first response's Location header", async () => {
    const key = await makeApiKey();
    const slug = uniq("idem-h-");
    const body = { tenant: { name: "Idem Headers", slug, admin_user: { email: `o@${slug}.test`, name: "O" } } };
    const headers = { "idempotency-key": uniq("k-") };
    const first = await callRoute(tenantsRoute.POST, { method: "POST", key, body, headers });
    const again = await callRoute(tenantsRoute.POST, { method: "POST", key, body, headers });
    expect(first.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
  });
});
