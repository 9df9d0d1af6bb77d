import { describe, expect, it } from "vitest";
import * as logoRoute from "@/app/api/v1/tenants/[id]/branding/logo/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import { systemCaller } from "@/lib/auth/caller";
import { MAX_ASSETS_PER_TENANT, MAX_UNUSED_ASSETS_PER_TENANT } from "@/lib/branding/asset-usage";
import { pruneUnusedBrandingAssets } from "@/lib/branding/prune-unused-assets";
import { updateBranding } from "@/lib/branding/update-branding";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { callRoute } from "../support/call-route";
import { EXE_BYTES, noisyPngBytes, pngBytes } from "../support/branding-images";
import { auditEvents, ownerQuery } from "../support/db";
import { makeApiKey, makeTenant } from "../support/fixtures";

// Uploaded logos and favicons are bounded per tenant: a rate limit, a cap on
// stored and on unused images, pruning of unused ones, and their bytes count
// as the tenant's storage.

const LIMIT = 6;
// This file runs in a process of its own (Vitest forks), so the setting stays here.
process.env.RATE_LIMIT_BRANDING_UPLOADS_PER_10_MINUTES = String(LIMIT);
const withUploadLimit = async <T>(limit: number, fn: () => Promise<T>): Promise<T> => {
  process.env.RATE_LIMIT_BRANDING_UPLOADS_PER_10_MINUTES = String(limit);
  try {
    return await fn();
  } finally {
    process.env.RATE_LIMIT_BRANDING_UPLOADS_PER_10_MINUTES = String(LIMIT);
  }
};

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());

async function upload(tenantId: string, bytes: Uint8Array, k?: string) {
  const req = new Request(`http://localhost:3000/api/v1/tenants/${tenantId}/branding/logo`, {
    method: "POST",
    headers: { host: "localhost:3000", authorization: `Bearer ${k ?? (await key())}`, "content-type": "image/png" },
    body: new Uint8Array(bytes),
  });
  const res = await logoRoute.POST(req, { params: Promise.resolve({ id: tenantId }) });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

/** Distinct small images: size and colour vary, so every one is a new asset. */
const image = (i: number) => pngBytes(16 + (i % 200), 16 + Math.floor(i / 200), i);
const assetCount = async (tenantId: string) => Number((await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM tenant_assets WHERE tenant_id = $1", [tenantId]))[0].n);

describe("upload rate limit", () => {
  it("answers 429 rate_limit_exceeded with Retry-After once a tenant passes the limit, per tenant, storing nothing more", async () => {
    const [t, other] = await Promise.all([makeTenant(), makeTenant()]);
    for (let i = 0; i < LIMIT; i++) expect((await upload(t.id, image(i))).status).toBe(201);
    const over = await upload(t.id, image(LIMIT));
    expect(over.status).toBe(429);
    expect(over.json.error.code).toBe("rate_limit_exceeded");
    expect(over.json.error.message).toMatch(/logo and favicon uploads for this tenant/);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await assetCount(t.id)).toBe(LIMIT);
    // Another tenant's uploads are counted apart.
    expect((await upload(other.id, image(0))).status).toBe(201);
  });

  it("20 uploads at once store at most the limit; the rest are 429s, never a 500", async () => {
    const t = await makeTenant();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => upload(t.id, image(100 + i))));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 429), statuses.join(",")).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(LIMIT);
    expect(await assetCount(t.id)).toBe(statuses.filter((s) => s === 201).length);
  });

  it("a caller without branding:update is refused before its bytes are looked at, and uses up nothing", async () => {
    const t = await makeTenant();
    const { key: reader } = await createTenantApiKey(platformActor(systemCaller("test")), t.id, { name: "reader", permissions: ["branding:read"] });
    const host = `${t.slug}.localhost:3000`;
    const req = (bytes: Uint8Array) =>
      logoRoute.POST(new Request(`http://${host}/api/v1/tenants/${t.id}/branding/logo`, { method: "POST", headers: { host, authorization: `Bearer ${reader}`, "content-type": "image/png" }, body: new Uint8Array(bytes) }), {
        params: Promise.resolve({ id: t.id }),
      });
    for (let i = 0; i < LIMIT + 2; i++) {
      const res = await req(EXE_BYTES);
      expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([403, "admin_privileges_required"]);
    }
    for (let i = 0; i < LIMIT; i++) expect((await upload(t.id, image(300 + i))).status).toBe(201);
  });
});

describe("caps on stored images", () => {
  it("at most MAX_UNUSED images no branding uses: the next is a 429 naming the limit; saving one in the branding makes room", async () => {
    await withUploadLimit(1000, async () => {
      const t = await makeTenant();
      const urls: string[] = [];
      for (let i = 0; i < MAX_UNUSED_ASSETS_PER_TENANT; i++) {
        const r = await upload(t.id, image(400 + i));
        expect(r.status).toBe(201);
        urls.push(r.json.data.asset.url);
      }
      const refused = await upload(t.id, image(500));
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: "tenant_limit_exceeded", details: { limit: MAX_UNUSED_ASSETS_PER_TENANT, current: MAX_UNUSED_ASSETS_PER_TENANT } });
      expect(refused.json.error.message).toContain(`the most allowed (${MAX_UNUSED_ASSETS_PER_TENANT})`);
      // The same bytes again are the stored image, not a new one: allowed at the cap.
      expect((await upload(t.id, image(400))).status).toBe(200);
      await updateBranding(platformActor(systemCaller("test")), t.id, { logo_url: urls[0] });
      expect((await upload(t.id, image(500))).status).toBe(201);
      expect(await assetCount(t.id)).toBe(MAX_UNUSED_ASSETS_PER_TENANT + 1);
    });
  });

  it(`at most ${MAX_ASSETS_PER_TENANT} images in all, even when every one is in the branding history`, async () => {
    await withUploadLimit(1000, async () => {
      const t = await makeTenant();
      // 49 images, each saved in a version of the branding (written directly: 49 saves would only be slower).
      await ownerQuery(
        `WITH a AS (
           INSERT INTO tenant_assets (tenant_id, id, kind, content_type, bytes, sha256, width, height, size)
           SELECT $1, 'logo_' || lpad(to_hex(n), 32, '0'), 'logo', 'image/png', '\\x00'::bytea, md5(n::text), 16, 16, 1 FROM generate_series(1, $2::int) n
           RETURNING id)
         INSERT INTO tenant_branding_versions (tenant_id, version, branding, created_by_type, created_by_label)
         SELECT $1, row_number() OVER (), jsonb_build_object('logo_url', '/api/v1/tenants/' || $1 || '/branding/assets/' || id), 'system', 'test' FROM a`,
        [t.id, MAX_ASSETS_PER_TENANT - 1],
      );
      expect((await upload(t.id, image(600))).status).toBe(201);
      const refused = await upload(t.id, image(601));
      expect(refused.status).toBe(429);
      expect(refused.json.error).toMatchObject({ code: "tenant_limit_exceeded", details: { limit: MAX_ASSETS_PER_TENANT, current: MAX_ASSETS_PER_TENANT } });
      expect(refused.json.error.message).toContain(`the most allowed (${MAX_ASSETS_PER_TENANT})`);
      expect(await assetCount(t.id)).toBe(MAX_ASSETS_PER_TENANT);
    });
  });
});

describe("pruning unused images", () => {
  it("removes only images no branding or version names that are older than the retention period", async () => {
    await withUploadLimit(1000, async () => {
      const t = await makeTenant();
      const admin = platformActor(systemCaller("test"));
      const up = async (i: number) => (await upload(t.id, image(700 + i))).json.data.asset as { id: string; url: string };
      const [oldUnused, newUnused, inOldVersion, current, favicon] = [await up(0), await up(1), await up(2), await up(3), await up(4)];
      await updateBranding(admin, t.id, { logo_url: inOldVersion.url });
      await updateBranding(admin, t.id, { logo_url: current.url });
      // A favicon field naming a logo asset cannot be saved; put it in a version as the history could hold it.
      await ownerQuery(
        "INSERT INTO tenant_branding_versions (tenant_id, version, branding, created_by_type, created_by_label) VALUES ($1, 100, jsonb_build_object('favicon_url', $2::text), 'system', 'test')",
        [t.id, favicon.url],
      );
      await ownerQuery("UPDATE tenant_assets SET created_at = now() - interval '25 hours' WHERE tenant_id = $1 AND id <> $2", [t.id, newUnused.id]);

      const other = await makeTenant();
      const othersOld = (await upload(other.id, image(800))).json.data.asset as { id: string };
      await ownerQuery("UPDATE tenant_assets SET created_at = now() - interval '23 hours' WHERE tenant_id = $1", [other.id]);

      expect(await pruneUnusedBrandingAssets(systemCaller("maintenance job"))).toBeGreaterThanOrEqual(1);
      const left = (await ownerQuery<{ id: string }>("SELECT id FROM tenant_assets WHERE tenant_id = $1 ORDER BY id", [t.id])).map((r) => r.id);
      expect(left.sort()).toEqual([newUnused.id, inOldVersion.id, current.id, favicon.id].sort());
      expect(await ownerQuery("SELECT id FROM tenant_assets WHERE tenant_id = $1", [other.id])).toEqual([{ id: othersOld.id }]);
      const [event] = await auditEvents(t.id, "tenant.branding_assets_pruned");
      expect(event).toMatchObject({ actor_type: "system", after: { asset_ids: [oldUnused.id], unused_for_hours: 24 } });
      // A second run finds nothing more to do here.
      await pruneUnusedBrandingAssets(systemCaller("maintenance job"));
      expect((await ownerQuery("SELECT id FROM tenant_assets WHERE tenant_id = $1", [t.id])).length).toBe(4);
    });
  });
});

describe("storage usage", () => {
  it("counts uploaded images' bytes in GET /tenants/{id} and the tenant list", async () => {
    await withUploadLimit(1000, async () => {
      const t = await makeTenant();
      const storage = async () => (await callRoute(tenantRoute.GET, { key: await key(), path: `/api/v1/tenants/${t.id}`, params: { id: t.id } })).json.data.usage.storage;
      expect((await storage()).current_gb).toBe(0);
      let bytes = 0;
      for (let i = 0; i < 3; i++) {
        const r = await upload(t.id, noisyPngBytes(400, 375));
        expect(r.status).toBe(201);
        bytes += r.json.data.asset.size;
      }
      expect(bytes).toBeGreaterThan(3 * 440_000);
      const expected = Math.round((bytes / 1024 ** 3) * 1e6) / 1e6;
      expect(await storage()).toMatchObject({ current_gb: expected });
      const list = await callRoute(tenantsRoute.GET, { key: await key(), path: `/api/v1/tenants?search=${encodeURIComponent(t.slug)}` });
      expect(list.json.data.tenants.find((x: { id: string }) => x.id === t.id).usage.storage.current_gb).toBe(expected);
    });
  });
});
