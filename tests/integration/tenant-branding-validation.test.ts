import { describe, expect, it } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import * as brandingRoute from "@/app/api/v1/tenants/[id]/branding/route";
import { callRoute } from "../support/call-route";
import { ownerQuery, tenantRow } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

// PUT /tenants/{id} and POST /tenants save branding through the branding
// service: the same refusals (and messages) as PUT …/branding, the same CSS
// sanitiser and colour rules, and a branding version for every change.

let keyPromise: Promise<string> | undefined;
const key = () => (keyPromise ??= makeApiKey());

const putTenant = async (id: string, body: unknown) => callRoute(tenantRoute.PUT, { method: "PUT", key: await key(), path: `/api/v1/tenants/${id}`, params: { id }, body });
const putBranding = async (id: string, body: unknown) => callRoute(brandingRoute.PUT, { method: "PUT", key: await key(), path: `/api/v1/tenants/${id}/branding`, params: { id }, body });
const postTenant = async (slug: string, branding: unknown) =>
  callRoute(tenantsRoute.POST, { method: "POST", key: await key(), body: { tenant: { name: `Tenant ${slug}`, slug, admin_user: { email: `owner@${slug}.test`, name: "Owner" }, branding } } });

const versions = async (id: string) => Number((await ownerQuery<{ n: string }>("SELECT count(*) AS n FROM tenant_branding_versions WHERE tenant_id = $1", [id]))[0].n);
const snapshot = async (id: string) => {
  const row = (await tenantRow(id))!;
  return { branding: row.branding, version: row.version, versions: await versions(id) };
};

type Res = { status: number; json: { error?: { code: string; message: string; details?: { path: string; message: string }[] } } };
const refusal = (r: Res) => ({ status: r.status, code: r.json.error?.code, paths: r.json.error?.details?.map((d) => d.path), message: r.json.error?.details?.[0]?.message });

/** Addresses a logo fetcher must never be pointed at, in the forms that slip past naive checks. */
const HOSTILE_LOGOS = [
  "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
  "https://169.254.169.254/logo.png",
  "https://2852039166/logo.png",
  "https://0xa9fea9fe/logo.png",
  "https://0251.0376.0251.0376/logo.png",
  "https://169.254.169.254./logo.png",
  "https://[::1]/logo.png",
  "https://[::ffff:a9fe:a9fe]/logo.png",
  "https://127.1/logo.png",
  "https://localhost/logo.png",
  "https://acme.localhost:3000/logo.png",
  "https://metadata.google.internal/computeMetadata/v1/",
  "https://printer.local/logo.png",
  "https://intranet/logo.png",
  "https://user:secret@cdn.example.com/logo.png",
  "https://cdn.example.com:8443/logo.png",
  "ftp://cdn.example.com/logo.png",
  "file:///etc/passwd",
  "javascript:alert(1)",
  "https://cdn.example.com/logo.png\n",
  "not a url",
];

describe("logo_url through the tenant API", () => {
  it("PUT /tenants/{id}: each hostile logo_url is a 400 naming branding.logo_url, with PUT …/branding's message, and nothing is stored", async () => {
    const t = await makeTenant();
    const before = await snapshot(t.id);
    for (const logo of HOSTILE_LOGOS) {
      const viaTenant = refusal(await putTenant(t.id, { name: "Not saved either", branding: { logo_url: logo } }));
      const viaBranding = refusal(await putBranding(t.id, { logo_url: logo }));
      expect(viaTenant, logo).toMatchObject({ status: 400, code: "invalid_tenant_config", paths: ["branding.logo_url"] });
      expect(viaBranding, logo).toMatchObject({ status: 400, code: "invalid_request", paths: ["logo_url"] });
      expect(viaTenant.message, logo).toBe(viaBranding.message);
    }
    expect(await snapshot(t.id)).toEqual(before);
    expect((await tenantRow(t.id))!.name).toBe(t.name);
  });

  it("POST /tenants: each hostile logo_url is a 400 naming tenant.branding.logo_url and no tenant is created", async () => {
    const slugs: string[] = [];
    for (const logo of HOSTILE_LOGOS) {
      const slug = uniq("hl-");
      slugs.push(slug);
      expect(refusal(await postTenant(slug, { logo_url: logo })), logo).toMatchObject({ status: 400, code: "invalid_tenant_config", paths: ["tenant.branding.logo_url"] });
    }
    expect(await ownerQuery("SELECT id FROM tenants WHERE slug = ANY($1)", [slugs])).toEqual([]);
    expect(await ownerQuery("SELECT id FROM users WHERE email = ANY($1)", [slugs.map((s) => `owner@${s}.test`)])).toEqual([]);
  });

  it("20 hostile writes at once are all 400s, never a 500", async () => {
    const t = await makeTenant();
    const before = await snapshot(t.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? putTenant(t.id, { branding: { logo_url: HOSTILE_LOGOS[i] } }) : postTenant(uniq("pl-"), { logo_url: HOSTILE_LOGOS[i] }))),
    );
    expect(results.map((r) => [r.status, r.json.error?.code])).toEqual(Array.from({ length: 20 }, () => [400, "invalid_tenant_config"]));
    expect(await snapshot(t.id)).toEqual(before);
  });

  it("a public https logo is stored (seed 000's contract) and joins the branding history; the branding API still takes uploads only", async () => {
    const t = await makeTenant();
    const res = await putTenant(t.id, { branding: { logo_url: "https://CDN.Acme-Corp.com/brand/logo.png?v=2" } });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.data.changes_applied).toEqual(["branding_updated"]);
    expect(((await tenantRow(t.id))!.branding as Record<string, unknown>).logo_url).toBe("https://cdn.acme-corp.com/brand/logo.png?v=2");
    expect(await versions(t.id)).toBe(2);
    expect(refusal(await putBranding(t.id, { logo_url: "https://cdn.acme-corp.com/brand/logo.png" }))).toMatchObject({ status: 400, paths: ["logo_url"], message: expect.stringMatching(/^Upload the image first/) });

    const slug = uniq("ok-");
    const created = await postTenant(slug, { logo_url: "https://acme.example.com/logo.png", company_name: "Acme" });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(((await tenantRow(created.json.data.tenant.id))!.branding as Record<string, unknown>).logo_url).toBe("https://acme.example.com/logo.png");
  });
});

describe("custom CSS and colours through the tenant API", () => {
  it("are sanitised and validated exactly as by PUT …/branding, and each change is a branding version", async () => {
    const [viaTenant, viaBranding] = await Promise.all([makeTenant(), makeTenant()]);
    const branding = {
      primary_color: "#FFFF00",
      secondary_color: "#1E3A8A",
      custom_css: '@import url("https://evil.example/x.css");\n.btn { color: #fff; background-color: url(x.png) }\nbody { color: red }\na { color: expression(alert(1)) }',
      email_footer: "Acme, 1 Road, Town",
    };
    const before = await versions(viaTenant.id);
    const saved = await putTenant(viaTenant.id, { branding });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    expect((await putBranding(viaBranding.id, branding)).status).toBe(200);
    const stored = (id: string) => tenantRow(id).then((r) => r!.branding as Record<string, unknown>);
    const [a, b] = [await stored(viaTenant.id), await stored(viaBranding.id)];
    expect(a).toMatchObject({ primary_color: "#ffff00", secondary_color: "#1e3a8a", custom_css: ".portal-root .btn{color:#fff}", email_footer: "Acme, 1 Road, Town" });
    for (const f of ["primary_color", "secondary_color", "custom_css", "email_footer"]) expect(a[f], f).toBe(b[f]);
    expect(await versions(viaTenant.id)).toBe(before + 2);
    const [latest] = await ownerQuery<{ branding: Record<string, unknown> }>("SELECT branding FROM tenant_branding_versions WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1", [viaTenant.id]);
    expect(latest.branding).toEqual(a);

    // Refusals: the same messages, on the field's path in each API.
    const snap = await snapshot(viaTenant.id);
    for (const [field, value] of [
      ["primary_color", "red;}body{display:none"],
      ["secondary_color", "#fff;"],
      ["custom_css", "a { color: red }</style><script>alert(1)</script>"],
      ["custom_css", "a{color:red}\n".repeat(Math.ceil(900_000 / 13))],
      ["email_header", "hi\u0007"],
      ["favicon_url", "https://cdn.example.com/favicon.png"],
      ["colour", "#fff"],
    ] as const) {
      const t = refusal(await putTenant(viaTenant.id, { branding: { company_name: "Not saved", [field]: value } }));
      const b = refusal(await putBranding(viaTenant.id, { company_name: "Not saved", [field]: value }));
      expect(t, field).toMatchObject({ status: 400, code: "invalid_tenant_config", paths: [`branding.${field}`] });
      expect(b, field).toMatchObject({ status: 400, code: "invalid_request", paths: [field] });
      expect(t.message, field).toBe(b.message);
    }
    expect(await snapshot(viaTenant.id)).toEqual(snap);
  });

  it("POST /tenants sanitises the CSS it is given before the tenant exists", async () => {
    const slug = uniq("css-");
    const r = await postTenant(slug, { primary_color: "#ABCDEF", custom_css: ".card { color: #123456 } @media print { body { display: none } }" });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect((await tenantRow(r.json.data.tenant.id))!.branding).toMatchObject({ primary_color: "#abcdef", custom_css: ".portal-root .card{color:#123456}" });
    const bad = await postTenant(uniq("css-"), { custom_css: "<script>" });
    expect(refusal(bad)).toMatchObject({ status: 400, code: "invalid_tenant_config", paths: ["tenant.branding.custom_css"] });
  });
});
