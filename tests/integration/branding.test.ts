import { describe, expect, it } from "vitest";
import * as brandingRoute from "@/app/api/v1/tenants/[id]/branding/route";
import * as previewRoute from "@/app/api/v1/tenants/[id]/branding/preview/route";
import * as versionsRoute from "@/app/api/v1/tenants/[id]/branding/versions/route";
import * as revertRoute from "@/app/api/v1/tenants/[id]/branding/versions/[version]/revert/route";
import * as logoRoute from "@/app/api/v1/tenants/[id]/branding/logo/route";
import * as faviconRoute from "@/app/api/v1/tenants/[id]/branding/favicon/route";
import * as assetRoute from "@/app/api/v1/tenants/[id]/branding/assets/[asset_id]/route";
import { previewBranding } from "@/lib/branding/preview-branding";
import { updateBranding } from "@/lib/branding/update-branding";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";
import { withTenantScope } from "@/lib/db/scope";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { resolveHost } from "@/lib/tenancy/resolve-host";
import { onTenantChanged } from "@/lib/tenancy/tenant-change-listener";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery, tenantRow } from "../support/db";
import { makeApiKey, makeTenant, staffCaller } from "../support/fixtures";
import { addMember, codeOf, memberActor } from "../support/tenant-members";
import { EXE_BYTES, JPEG_16, SVG_WITH_SCRIPT, WEBP_16, pngBytes } from "../support/branding-images";

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());
const base = (id: string) => `/api/v1/tenants/${id}/branding`;

const getBranding = async (id: string, k?: string) => callRoute(brandingRoute.GET, { key: k ?? (await key()), path: base(id), params: { id } });
const putBranding = async (id: string, body: unknown, headers: Record<string, string> = {}, k?: string) =>
  callRoute(brandingRoute.PUT, { method: "PUT", key: k ?? (await key()), path: base(id), params: { id }, body, headers });
const preview = async (id: string, body: unknown) => callRoute(previewRoute.POST, { method: "POST", key: await key(), path: `${base(id)}/preview`, params: { id }, body });
const versions = async (id: string) => callRoute(versionsRoute.GET, { key: await key(), path: `${base(id)}/versions`, params: { id } });
const revert = async (id: string, version: number | string, headers: Record<string, string> = {}) =>
  callRoute(revertRoute.POST, { method: "POST", key: await key(), path: `${base(id)}/versions/${version}/revert`, params: { id, version: String(version) }, headers });

async function upload(id: string, kind: "logo" | "favicon", bytes: Uint8Array, contentType = "image/png", k?: string, host = "localhost:3000", extra: Record<string, string> = {}) {
  const route = kind === "logo" ? logoRoute : faviconRoute;
  const req = new Request(`http://${host}${base(id)}/${kind}`, {
    method: "POST",
    headers: { host, authorization: `Bearer ${k ?? (await key())}`, "content-type": contentType, ...extra },
    body: Buffer.from(bytes),
  });
  const res = await route.POST(req, { params: Promise.resolve({ id }) });
  return { status: res.status, headers: res.headers, json: await res.json() };
}

async function fetchAsset(url: string, host = "localhost:3000", headers: Record<string, string> = {}) {
  const m = url.match(/^\/api\/v1\/tenants\/([^/]+)\/branding\/assets\/([^/]+)$/)!;
  const req = new Request(`http://${host}${url}`, { headers: { host, ...headers } });
  const res = await assetRoute.GET(req, { params: Promise.resolve({ id: m[1], asset_id: m[2] }) });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const versionCount = async (id: string) => Number((await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM tenant_branding_versions WHERE tenant_id = $1", [id]))[0].n);
const snapshot = async (id: string) => {
  const row = await tenantRow(id);
  return { branding: row!.branding, version: row!.version, versions: await versionCount(id) };
};

type Res = { status: number; json: { error?: { code: string; details?: unknown } } };
const expectError = (r: Res, status: number, code: string) => {
  expect(r.status, JSON.stringify(r.json)).toBe(status);
  expect(r.json.error?.code).toBe(code);
};

describe("branding: update, versions and revert", () => {
  it("saves, sanitises CSS, warns on contrast, keeps every version and reverts to an earlier one", async () => {
    const t = await makeTenant({ name: "Brand Co" });
    const provisioned = (await tenantRow(t.id))!.branding;
    const initial = await getBranding(t.id);
    expect(initial.status).toBe(200);
    expect(initial.json.data).toEqual({
      branding: { company_name: "Brand Co", primary_color: "#4f46e5", secondary_color: "#64748b", logo_url: null, favicon_url: null, email_header: null, email_footer: null, custom_css: null, support_email: null, support_url: null },
      version: null,
    });

    const first = await putBranding(
      t.id,
      { company_name: "Brand Company", primary_color: "#FFFF00", secondary_color: "#94a3b8", custom_css: '@import url("https://evil.example/x.css");\n.btn { color: #fff; background-color: url(x.png) }\nbody { color: red }', email_footer: "Brand Company, 1 Road, Town" },
      { "if-match": initial.headers.get("etag")! },
    );
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    expect(first.json.data.branding).toMatchObject({ company_name: "Brand Company", primary_color: "#ffff00", custom_css: ".portal-root .btn{color:#fff}", email_footer: "Brand Company, 1 Road, Town" });
    expect(first.json.data.version).toBe(2);
    // Yellow buttons get near-black text (no warning); a pale secondary is shown as neutral text where it would be text.
    expect(first.json.data.warnings).toEqual([{ field: "secondary_color", contrast: 2.56, message: expect.any(String) }]);
    expect(first.json.data.css_removed.map((r: { what: string }) => r.what)).toEqual(["@import url(https://evil.example/x.css)", "background-color:url(x.png)", "body"]);
    expect(first.headers.get("etag")).not.toBe(initial.headers.get("etag"));
    expect((await tenantRow(t.id))!.branding).toMatchObject({ primary_color: "#ffff00", custom_css: ".portal-root .btn{color:#fff}" });

    const second = await putBranding(t.id, { primary_color: "#0056b3", secondary_color: "#1e3a8a", custom_css: null });
    expect(second.json.data).toMatchObject({ version: 3, warnings: [] });
    expect(second.json.data.branding).toMatchObject({ company_name: "Brand Company", primary_color: "#0056b3", custom_css: null, email_footer: "Brand Company, 1 Road, Town" });

    const list = await versions(t.id);
    expect(list.status).toBe(200);
    expect(list.json.data.versions.map((v: { version: number; current: boolean }) => [v.version, v.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    expect(list.json.data.versions[2]).toMatchObject({ branding: provisioned, created_by: { type: "system" } });
    expect(list.json.data.versions[0].created_by).toMatchObject({ type: "api_key" });

    const back = await revert(t.id, 2);
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    expect(back.json.data).toMatchObject({ version: 4, reverted_from: 2, branding: { primary_color: "#ffff00", custom_css: ".portal-root .btn{color:#fff}" } });
    expect((await tenantRow(t.id))!.branding).toEqual((await ownerQuery("SELECT branding FROM tenant_branding_versions WHERE tenant_id = $1 AND version = 2", [t.id]))[0].branding);

    const toStart = await revert(t.id, 1);
    expect(toStart.json.data.branding).toMatchObject({ company_name: "Brand Co", primary_color: "#4f46e5", custom_css: null, email_footer: null });
    expect((await tenantRow(t.id))!.branding).toEqual(provisioned);
    expectError(await revert(t.id, 99), 404, "not_found");
    expectError(await revert(t.id, "abc"), 400, "invalid_request");

    const events = await auditEvents(t.id);
    expect(events.filter((e) => e.action === "tenant.branding_updated")).toHaveLength(2);
    expect(events.filter((e) => e.action === "tenant.branding_reverted").map((e) => e.after?.reverted_from)).toEqual([2, 1]);
  });

  it("the host cache serves the new branding at once (the tenants trigger's NOTIFY evicts it)", async () => {
    const t = await makeTenant();
    const host = `${t.slug}.localhost:3000`;
    expect((await resolveHost(host)).kind).toBe("tenant");
    // The cache subscribes on first use; wait until its LISTEN connection hears a probe.
    const heard: string[] = [];
    onTenantChanged((id) => void heard.push(id));
    await expect.poll(async () => (await ownerQuery("SELECT pg_notify('atrium_tenant_changed', 'probe')"), heard.includes("probe")), { timeout: 10_000 }).toBe(true);
    await putBranding(t.id, { primary_color: "#123456" });
    await expect
      .poll(async () => {
        const r = await resolveHost(host);
        return r.kind === "tenant" ? r.tenant.branding.primary_color : null;
      })
      .toBe("#123456");
  });

  it("PUT and revert honour If-Match: a stale ETag is a 412 and changes nothing", async () => {
    const t = await makeTenant();
    const read = await getBranding(t.id);
    const etag = read.headers.get("etag")!;
    expect((await putBranding(t.id, { company_name: "One" }, { "if-match": etag })).status).toBe(200);
    const before = await snapshot(t.id);
    expectError(await putBranding(t.id, { company_name: "Two" }, { "if-match": etag }), 412, "precondition_failed");
    expectError(await revert(t.id, 1, { "if-match": etag }), 412, "precondition_failed");
    expect(await snapshot(t.id)).toEqual(before);
  });

  it("a member without branding:update gets 403; a manager may save; another tenant's member may not", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const member = await addMember(t.id, "member");
    const manager = await addMember(t.id, "manager");
    const outsider = await addMember(other.id, "owner");
    expect(await codeOf(updateBranding(memberActor(t.id, member.id), t.id, { company_name: "Nope" }))).toBe("admin_privileges_required");
    expect(await codeOf(previewBranding(memberActor(t.id, member.id), t.id, { company_name: "Nope" }))).toBe("admin_privileges_required");
    expect(await codeOf(uploadBrandingAsset(memberActor(t.id, member.id), t.id, "logo", pngBytes(32, 32)))).toBe("admin_privileges_required");
    expect(await codeOf(updateBranding(memberActor(other.id, outsider.id), t.id, { company_name: "Nope" }))).toBe("cross_tenant_access_denied");
    expect(await versionCount(t.id)).toBe(0);
    const ok = await updateBranding(memberActor(t.id, manager.id), t.id, { company_name: "Managed" });
    expect(ok.branding.company_name).toBe("Managed");
    expect((await auditEvents(t.id, "tenant.branding_updated"))[0]).toMatchObject({ actor_type: "user", actor_id: manager.id });
    const readOnly = await makeApiKey(["tenants:read"]);
    expect((await getBranding(t.id, readOnly)).status).toBe(200);
    expectError(await putBranding(t.id, { company_name: "x" }, {}, readOnly), 403, "admin_privileges_required");
  });

  it("on a tenant's host its own key with branding:update may read, save and upload; others may not", async () => {
    const t = await makeTenant();
    const other = await makeTenant();
    const admin = platformActor(staffCaller("admin"));
    const { key: editor } = await createTenantApiKey(admin, t.id, { name: "brand editor", permissions: ["branding:update"] });
    const { key: reader } = await createTenantApiKey(admin, t.id, { name: "reader", permissions: ["members:read", "branding:read"] });
    const host = { host: `${t.slug}.localhost:3000` };
    const put = (id: string, k: string) => callRoute(brandingRoute.PUT, { method: "PUT", key: k, path: base(id), params: { id }, body: { company_name: "From the tenant host" }, headers: host });
    const saved = await put(t.id, editor);
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect((await auditEvents(t.id, "tenant.branding_updated"))[0]).toMatchObject({ actor_type: "api_key" });
    expect((await callRoute(brandingRoute.GET, { key: reader, path: base(t.id), params: { id: t.id }, headers: host })).status).toBe(200);
    expectError(await put(t.id, reader), 403, "admin_privileges_required");
    expectError(await put(other.id, editor), 403, "cross_tenant_access_denied");
    expect((await upload(t.id, "logo", pngBytes(16, 16, 3), "image/png", editor, host.host)).status).toBe(201);
    expectError(await upload(t.id, "logo", pngBytes(16, 16, 4), "image/png", reader, host.host), 403, "admin_privileges_required");
    expect(await versionCount(other.id)).toBe(0);
  });

  it("hostile inputs are a clear 400 naming the field and change nothing", async () => {
    const t = await makeTenant();
    await putBranding(t.id, { company_name: "Safe", primary_color: "#000000" });
    const before = await snapshot(t.id);
    const cases: [unknown, string][] = [
      [{ primary_color: "red;}body{display:none" }, "primary_color"],
      [{ secondary_color: "#fff;" }, "secondary_color"],
      [{ custom_css: "a { color: red }</style><script>alert(1)</script>" }, "custom_css"],
      [{ custom_css: "a{color:red}\n".repeat(Math.ceil(900_000 / 13)) }, "custom_css"],
      [{ logo_url: "https://evil.example/logo.png" }, "logo_url"],
      [{ logo_url: `/api/v1/tenants/${t.id}/branding/assets/logo_${"a".repeat(32)}` }, "logo_url"],
      [{ company_name: "Ok", colour: "#fff" }, "colour"],
      [{ email_header: "hi\u0007" }, "email_header"],
      [{}, "(body)"],
    ];
    for (const [body, field] of cases) {
      const r = await putBranding(t.id, body);
      expect(r.status, `${field}: ${JSON.stringify(r.json).slice(0, 200)}`).toBe(400);
      expect(r.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }
    // A combination where only the last field is bad must not save the good ones either.
    const mixed = await putBranding(t.id, { company_name: "Changed", primary_color: "#111111", custom_css: "<script>" });
    expect(mixed.status).toBe(400);
    expect(await snapshot(t.id)).toEqual(before);
  });

  it("a 2 MB stylesheet is refused with a 400 naming custom_css, by the service and through the API", async () => {
    const t = await makeTenant();
    const big = "a { color: red }\n".repeat(Math.ceil((2 * 1024 * 1024) / 17));
    let status = 0;
    try {
      await updateBranding(platformActor(staffCaller("admin")), t.id, { custom_css: big });
    } catch (e) {
      status = (e as { status: number }).status;
    }
    expect(status).toBe(400);
    const res = await putBranding(t.id, { custom_css: big });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.json.error)).toContain("custom_css");
    // Past the branding routes' own 4 MB cap the body is not even read.
    expectError(await putBranding(t.id, { custom_css: big.repeat(3) }), 413, "payload_too_large");
    expect(await versionCount(t.id)).toBe(0);
  });

  it("preview answers like a save and writes nothing", async () => {
    const t = await makeTenant();
    const before = await snapshot(t.id);
    const r = await preview(t.id, { secondary_color: "#aaaaaa", primary_color: "#777777", custom_css: "@import url(x.css); .card { border-color: var(--brand-primary) } a { color: url(x) }" });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.data.branding).toMatchObject({ primary_color: "#777777", custom_css: ".portal-root .card{border-color:var(--brand-primary)}" });
    expect(r.json.data.css_removed).toHaveLength(2);
    expect(r.json.data.warnings).toEqual([expect.objectContaining({ field: "secondary_color" })]);
    expect(await snapshot(t.id)).toEqual(before);
    expectError(await preview(t.id, { custom_css: "</style>" }), 400, "invalid_request");
  });
});

describe("branding: logo and favicon uploads", () => {
  it("stores PNG, JPEG and WebP typed from their bytes, serves them with nosniff, and the URL can be saved", async () => {
    const t = await makeTenant();
    const png = pngBytes(64, 32, 7);
    const up = await upload(t.id, "logo", png);
    expect(up.status, JSON.stringify(up.json)).toBe(201);
    const asset = up.json.data.asset;
    expect(asset).toMatchObject({ kind: "logo", content_type: "image/png", width: 64, height: 32, size: png.length, url: expect.stringMatching(new RegExp(`^/api/v1/tenants/${t.id}/branding/assets/logo_[0-9a-f]{32}$`)) });
    expect(up.headers.get("location")).toBe(asset.url);
    expect((await upload(t.id, "logo", png)).status).toBe(200); // same bytes: same asset
    expect((await auditEvents(asset.id, "tenant.branding_asset_uploaded")).length).toBe(1);

    // The declared type is only a gate; the stored type comes from the bytes.
    const jpeg = await upload(t.id, "logo", JPEG_16, "image/png");
    expect(jpeg.json.data.asset.content_type).toBe("image/jpeg");
    const webp = await upload(t.id, "favicon", WEBP_16, "application/octet-stream");
    expect(webp.json.data.asset).toMatchObject({ kind: "favicon", content_type: "image/webp" });

    const served = await fetchAsset(asset.url);
    expect(served.status).toBe(200);
    expect(served.bytes.equals(png)).toBe(true);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toMatch(/^default-src 'none'/);
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(served.headers.get("etag")).toBe(`"${asset.sha256}"`);
    expect((await fetchAsset(asset.url, "localhost:3000", { "if-none-match": `"${asset.sha256}"` })).status).toBe(304);
    expect((await fetchAsset(jpeg.json.data.asset.url)).headers.get("content-type")).toBe("image/jpeg");
    // Served on the tenant's own host too.
    expect((await fetchAsset(asset.url, `${t.slug}.localhost:3000`)).status).toBe(200);

    const saved = await putBranding(t.id, { logo_url: asset.url, favicon_url: webp.json.data.asset.url });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect(saved.json.data.branding).toMatchObject({ logo_url: asset.url, favicon_url: webp.json.data.asset.url });
    // A logo is not a favicon.
    const wrongKind = await putBranding(t.id, { favicon_url: asset.url });
    expectError(wrongKind, 400, "invalid_request");
  });

  it("an Idempotency-Key replays only for the same bytes", async () => {
    const t = await makeTenant();
    const idem = { "idempotency-key": `logo-${t.id}` };
    const first = await upload(t.id, "logo", pngBytes(16, 16, 11), "image/png", undefined, "localhost:3000", idem);
    expect(first.status).toBe(201);
    const again = await upload(t.id, "logo", pngBytes(16, 16, 11), "image/png", undefined, "localhost:3000", idem);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.json.data.asset.id).toBe(first.json.data.asset.id);
    expectError(await upload(t.id, "logo", pngBytes(16, 16, 12), "image/png", undefined, "localhost:3000", idem), 422, "idempotency_key_reused");
  });

  it("refuses SVG with script, an .exe renamed to .png, huge dimensions, other media types and oversized bodies — storing nothing", async () => {
    const t = await makeTenant();
    const svg = await upload(t.id, "logo", SVG_WITH_SCRIPT, "image/png");
    expectError(svg, 400, "invalid_request");
    expect(svg.json.error.details).toEqual([{ path: "logo", message: expect.stringMatching(/PNG, JPEG or WebP/) }]);
    expectError(await upload(t.id, "logo", EXE_BYTES, "image/png"), 400, "invalid_request");
    expectError(await upload(t.id, "logo", pngBytes(4096, 20)), 400, "invalid_request");
    expectError(await upload(t.id, "favicon", pngBytes(600, 600)), 400, "invalid_request");
    expectError(await upload(t.id, "logo", SVG_WITH_SCRIPT, "image/svg+xml"), 415, "unsupported_media_type");
    expectError(await upload(t.id, "logo", Buffer.alloc(600 * 1024, 1)), 413, "payload_too_large");
    expect((await ownerQuery("SELECT id FROM tenant_assets WHERE tenant_id = $1", [t.id])).length).toBe(0);
  });

  it("another tenant's asset id under this tenant's URL (or host) is a 404; RLS keeps it out of scope", async () => {
    const a = await makeTenant();
    const b = await makeTenant();
    const up = await upload(b.id, "logo", pngBytes(20, 20, 99));
    const assetId = up.json.data.asset.id;
    const crossed = `/api/v1/tenants/${a.id}/branding/assets/${assetId}`;
    const r = await fetchAsset(crossed);
    expect(r.status).toBe(404);
    expect(r.headers.get("cache-control")).toBe("private, no-store");
    // b's own URL works on the console host, but not on a's host.
    expect((await fetchAsset(up.json.data.asset.url)).status).toBe(200);
    expect((await fetchAsset(up.json.data.asset.url, `${a.slug}.localhost:3000`)).status).toBe(404);
    expect(await withTenantScope(a.id, (tx) => tx.tenantAsset.findMany({ where: { id: assetId } }))).toEqual([]);
    // Nor can a save a logo_url pointing at b's image.
    expectError(await putBranding(a.id, { logo_url: up.json.data.asset.url }), 400, "invalid_request");
    expect((await fetchAsset(`/api/v1/tenants/${a.id}/branding/assets/..%2Fetc`)).status).toBe(404);
  });
});

describe("branding tables", () => {
  it("are tenant-owned with forced row-level security", async () => {
    const rows = await ownerQuery<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname IN ('tenant_branding_versions', 'tenant_assets') ORDER BY relname",
    );
    expect(rows).toEqual([
      { relname: "tenant_assets", relrowsecurity: true, relforcerowsecurity: true },
      { relname: "tenant_branding_versions", relrowsecurity: true, relforcerowsecurity: true },
    ]);
  });

  it("the OpenAPI document lists the branding routes", () => {
    const paths = Object.keys(buildOpenApiDocument().paths ?? {});
    for (const p of ["/tenants/{id}/branding", "/tenants/{id}/branding/preview", "/tenants/{id}/branding/versions", "/tenants/{id}/branding/versions/{version}/revert", "/tenants/{id}/branding/logo", "/tenants/{id}/branding/favicon", "/tenants/{id}/branding/assets/{asset_id}"]) {
      expect(paths.some((x) => x.endsWith(p)), p).toBe(true);
    }
  });
});
