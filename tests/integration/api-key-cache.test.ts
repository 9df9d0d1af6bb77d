import { describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantKeyRoute from "@/app/api/v1/tenants/[id]/api-keys/[key_id]/route";
import * as usersRoute from "@/app/api/v1/tenants/[id]/users/route";
import { API_KEY_CACHE_TTL_MS, apiKeyCacheGeneration, cachedApiKey, forgetApiKey, rememberApiKey } from "@/lib/auth/api-key-cache";
import { authenticateApiKey, createPlatformApiKey, hashApiKey, revokePlatformApiKey } from "@/lib/auth/api-keys";
import { systemCaller } from "@/lib/auth/caller";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

// lib/auth/api-key-cache.ts: verified keys are remembered for API_KEY_CACHE_TTL_MS; revocation must still bite.
const newKey = () => createPlatformApiKey(systemCaller("test"), { name: uniq("cache-"), permissions: ["tenants:read"] });
const listWith = (key: string) => callRoute(tenantsRoute.GET, { key, path: "/api/v1/tenants?page_size=1" });

describe("API key cache", () => {
  it("remembers a verified key by its digest, for no longer than the TTL", async () => {
    const { key, apiKey } = await newKey();
    expect((await authenticateApiKey(key))?.id).toBe(apiKey.id);
    const hash = hashApiKey(key);
    expect(cachedApiKey(hash)?.id).toBe(apiKey.id);
    // Past the TTL the entry is dropped, and the next request looks the key up again.
    expect(cachedApiKey(hash, Date.now() + API_KEY_CACHE_TTL_MS)).toBeUndefined();
    expect(cachedApiKey(hash)).toBeUndefined();
    expect((await authenticateApiKey(key))?.id).toBe(apiKey.id);
    expect(cachedApiKey(hash)?.id).toBe(apiKey.id);
  });

  it("remembers neither unknown nor expired keys", async () => {
    const unknown = `atr_${uniq("nope")}`;
    expect(await authenticateApiKey(unknown)).toBeNull();
    expect(cachedApiKey(hashApiKey(unknown))).toBeUndefined();
    const { key, apiKey } = await newKey();
    await ownerQuery("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [apiKey.id]);
    await expect(authenticateApiKey(key)).rejects.toThrow(/expired/);
    expect(cachedApiKey(hashApiKey(key))).toBeUndefined();
  });

  it("does not keep an answer when a change was announced while it was being looked up", async () => {
    const { key, apiKey } = await newKey();
    const generation = apiKeyCacheGeneration();
    forgetApiKey(uniq("key_other"));
    rememberApiKey(hashApiKey(key), { id: apiKey.id, name: apiKey.name, scope: "platform", tenant_id: null, permissions: ["tenants:read"], expires_at: null }, generation);
    expect(cachedApiKey(hashApiKey(key))).toBeUndefined();
  });

  it("a platform key revoked through the service is refused on its very next request", async () => {
    const { key, apiKey } = await newKey();
    expect((await listWith(key)).status).toBe(200);
    expect(cachedApiKey(hashApiKey(key))).toBeDefined();
    await revokePlatformApiKey(systemCaller("test"), apiKey.id);
    const r = await listWith(key);
    expect([r.status, r.json.error.code]).toEqual([401, "authentication_required"]);
  });

  it("a tenant key revoked through the API is refused on its very next request", async () => {
    const t = await makeTenant();
    const { key, apiKey } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: uniq("k-"), permissions: ["members:read"] });
    const host = `${t.slug}.localhost:3000`;
    const members = () => callRoute(usersRoute.GET, { key, path: `/api/v1/tenants/${t.id}/users`, params: { id: t.id }, headers: { host } });
    expect((await members()).status).toBe(200);
    const staffKey = await makeApiKey();
    const revoked = await callRoute(tenantKeyRoute.DELETE, { method: "DELETE", key: staffKey, path: `/api/v1/tenants/${t.id}/api-keys/${apiKey.id}`, params: { id: t.id, key_id: apiKey.id } });
    expect(revoked.status, JSON.stringify(revoked.json)).toBe(200);
    expect((await members()).status).toBe(401);
  });

  it("a key revoked behind this process's back (another instance, SQL) is refused once the change is announced, well within the TTL", async () => {
    const { key, apiKey } = await newKey();
    expect((await listWith(key)).status).toBe(200);
    expect(cachedApiKey(hashApiKey(key))).toBeDefined();
    const revokedAt = Date.now();
    await ownerQuery("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [apiKey.id]);
    // Half the TTL: passing proves the notification dropped the entry, not its age.
    await expect.poll(async () => (await listWith(key)).status, { timeout: API_KEY_CACHE_TTL_MS / 2, interval: 20 }).toBe(401);
    expect(Date.now() - revokedAt).toBeLessThan(API_KEY_CACHE_TTL_MS);
    expect(cachedApiKey(hashApiKey(key))).toBeUndefined();
  });

  it("a use noted once a minute stays so: last_used_at is not announced as a change", async () => {
    const { key, apiKey } = await newKey();
    expect((await listWith(key)).status).toBe(200);
    const [row] = await ownerQuery<{ last_used_at: Date | null }>("SELECT last_used_at FROM api_keys WHERE id = $1", [apiKey.id]);
    expect(row.last_used_at).not.toBeNull();
    await ownerQuery("UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1", [apiKey.id]);
    // Give a notification, were there one, time to arrive: the entry must still be there.
    await new Promise((r) => setTimeout(r, 200));
    expect(cachedApiKey(hashApiKey(key))?.id).toBe(apiKey.id);
  });
});
