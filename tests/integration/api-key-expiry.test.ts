import { describe, expect, it } from "vitest";
import * as tenantKeysRoute from "@/app/api/v1/tenants/[id]/api-keys/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as usersRoute from "@/app/api/v1/tenants/[id]/users/route";
import { API_KEY_CACHE_TTL_MS } from "@/lib/auth/api-key-cache";
import { createPlatformApiKey, listPlatformApiKeys } from "@/lib/auth/api-keys";
import { systemCaller } from "@/lib/auth/caller";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

const DAY = 86_400_000;
const expire = (keyId: string) => ownerQuery("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [keyId]);
// A key used a moment ago is remembered by this process (lib/auth/api-key-cache.ts): a change made behind the app's back,
// in SQL, reaches it by the trigger's notification, within API_KEY_CACHE_TTL_MS at worst.
const refusedWithinBound = (call: () => Promise<{ status: number }>) =>
  expect.poll(async () => (await call()).status, { timeout: API_KEY_CACHE_TTL_MS + 2_000, interval: 25 }).toBe(401);

describe("API key expiry", () => {
  it("POST …/api-keys takes expires_in_days or expires_at, lists and audits the expiry; without either the key never expires", async () => {
    const t = await makeTenant();
    const key = await makeApiKey();
    const create = (body: unknown) => callRoute(tenantKeysRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${t.id}/api-keys`, params: { id: t.id }, body });

    const in30 = await create({ name: "in-30", permissions: ["members:read"], expires_in_days: 30 });
    expect(in30.status, JSON.stringify(in30.json)).toBe(201);
    const expiresAt = Date.parse(in30.json.data.api_key.expires_at);
    expect(Math.abs(expiresAt - (Date.now() + 30 * DAY))).toBeLessThan(60_000);
    const [ev] = await auditEvents(in30.json.data.api_key.id, "api_key.created");
    expect(ev.after).toMatchObject({ expires_at: in30.json.data.api_key.expires_at });

    const at = new Date(Date.now() + 10 * DAY).toISOString();
    const byDate = await create({ name: "by-date", permissions: ["members:read"], expires_at: at });
    expect(byDate.json.data.api_key.expires_at).toBe(at);

    const never = await create({ name: "never", permissions: ["members:read"] });
    expect(never.json.data.api_key.expires_at).toBeNull();

    const list = await callRoute(tenantKeysRoute.GET, { key, path: `/api/v1/tenants/${t.id}/api-keys`, params: { id: t.id } });
    expect(Object.fromEntries(list.json.data.api_keys.map((k: { name: string; expires_at: string | null }) => [k.name, k.expires_at]))).toEqual({
      "in-30": in30.json.data.api_key.expires_at,
      "by-date": at,
      never: null,
    });
  });

  it("refuses bad expiry input naming the field", async () => {
    const t = await makeTenant();
    const key = await makeApiKey();
    const create = (extra: Record<string, unknown>) =>
      callRoute(tenantKeysRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${t.id}/api-keys`, params: { id: t.id }, body: { name: "k", permissions: ["members:read"], ...extra } });
    const cases: [Record<string, unknown>, string][] = [
      [{ expires_in_days: 0 }, "expires_in_days"],
      [{ expires_in_days: 1.5 }, "expires_in_days"],
      [{ expires_in_days: 4000 }, "expires_in_days"],
      [{ expires_at: "tomorrow" }, "expires_at"],
      [{ expires_at: new Date(Date.now() - DAY).toISOString() }, "expires_at"],
      [{ expires_in_days: 30, expires_at: new Date(Date.now() + DAY).toISOString() }, "expires_at"],
    ];
    for (const [extra, path] of cases) {
      const r = await create(extra);
      expect(r.status, JSON.stringify(extra)).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path), JSON.stringify(extra)).toContain(path);
    }
  });

  it("an expired tenant key is refused on its host with 401 saying it expired, and its use is not noted", async () => {
    const t = await makeTenant();
    const { key, apiKey } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: uniq("k-"), permissions: ["members:read"], expires_in_days: 1 });
    const host = `${t.slug}.localhost:3000`;
    const list = () => callRoute(usersRoute.GET, { key, path: `/api/v1/tenants/${t.id}/users`, params: { id: t.id }, headers: { host } });
    expect((await list()).status).toBe(200);
    await ownerQuery("UPDATE api_keys SET last_used_at = NULL WHERE id = $1", [apiKey.id]);
    await expire(apiKey.id);
    await refusedWithinBound(list);
    const r = await list();
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("authentication_required");
    expect(r.json.error.message).toMatch(/expired on \d{4}-\d\d-\d\d/);
    expect(r.headers.get("www-authenticate")).toContain("invalid_token");
    const [row] = await ownerQuery<{ last_used_at: Date | null }>("SELECT last_used_at FROM api_keys WHERE id = $1", [apiKey.id]);
    expect(row.last_used_at).toBeNull();
  });

  it("an expired platform key is refused on the console host with 401, and the list shows its expiry", async () => {
    const t = await makeTenant();
    const { key, apiKey } = await createPlatformApiKey(systemCaller("test"), { name: uniq("p-"), permissions: ["tenants:read"], expiresAt: new Date(Date.now() + 90 * DAY) });
    const read = () => callRoute(tenantRoute.GET, { key, path: `/api/v1/tenants/${t.id}`, params: { id: t.id } });
    expect((await read()).status).toBe(200);
    expect((await listPlatformApiKeys(systemCaller("test"))).find((k) => k.id === apiKey.id)?.expires_at).toBe(apiKey.expires_at);
    await expire(apiKey.id);
    await refusedWithinBound(read);
    const r = await read();
    expect([r.status, r.json.error.code]).toEqual([401, "authentication_required"]);
    expect(r.json.error.message).toContain("expired");
  });
});
