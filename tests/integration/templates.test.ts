import { describe, expect, it } from "vitest";
import * as templatesRoute from "@/app/api/v1/tenant-templates/route";
import * as templateRoute from "@/app/api/v1/tenant-templates/[id]/route";
import * as versionsRoute from "@/app/api/v1/tenant-templates/[id]/versions/route";
import * as diffRoute from "@/app/api/v1/tenant-templates/[id]/diff/route";
import * as provisionRoute from "@/app/api/v1/tenants/provision-from-template/route";
import { systemCaller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { openSecret } from "@/lib/webhooks/secret-box";
import { applyTemplateInTx } from "@/lib/templates/apply-template";
import { PLAN_DEFINITIONS, PLANS } from "@/lib/tenants/plans";
import { callRoute } from "../support/call-route";
import { auditEvents, ownerQuery } from "../support/db";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

let keyPromise: Promise<string> | undefined;
const apiKey = () => (keyPromise ??= makeApiKey());

const STARTER_SQL = `-- starter rows
INSERT INTO users (email, name) VALUES ('first@starter.test', 'First User'), ('second@starter.test', 'Second User');
INSERT INTO documents (title, body, owner_id) SELECT 'Welcome', 'Read me first', id FROM users WHERE email = 'first@starter.test';`;

function definition(over: Record<string, unknown> = {}) {
  return {
    plan: "professional",
    settings: { timezone: "Europe/Paris", currency: "EUR" },
    limits: { users: 75 },
    features: { audit_logs: true },
    branding: { company_name: "Template Co", primary_color: "#0f766e" },
    roles: [{ name: "Support", description: "Helps customers", permissions: ["members:read"] }],
    webhook_endpoints: [{ url: "https://hooks.example.com/atrium", description: "CRM", event_types: ["member.*"] }],
    starter_sql: STARTER_SQL,
    ...over,
  };
}

async function call<P>(handler: (req: Request, ctx: { params: Promise<P> }) => Promise<Response>, opts: Omit<Parameters<typeof callRoute<P>>[1], "key">) {
  return callRoute<P>(handler, { key: await apiKey(), ...opts });
}
const create = (body: unknown) => call(templatesRoute.POST, { method: "POST", path: "/api/v1/tenant-templates", body });
const put = (id: string, body: unknown) => call(templateRoute.PUT, { method: "PUT", path: `/api/v1/tenant-templates/${id}`, params: { id }, body });
const provision = (body: unknown) => call(provisionRoute.POST, { method: "POST", path: "/api/v1/tenants/provision-from-template", body });
const templateCount = async () => (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM tenant_templates"))[0].n;

describe("built-in starter templates", () => {
  it("exist on a fresh database, one per plan, with seed 003's limits and features", async () => {
    const res = await call(templatesRoute.GET, { path: "/api/v1/tenant-templates" });
    expect(res.status).toBe(200);
    for (const plan of PLANS) {
      const t = res.json.data.templates.find((x: { key: string }) => x.key === `starter-${plan}`);
      expect(t, plan).toBeTruthy();
      expect(t.built_in).toBe(true);
      expect(t.version.definition.plan).toBe(plan);
      expect(t.version.definition.limits).toEqual(PLAN_DEFINITIONS[plan].limits);
      expect(t.version.definition.features).toEqual(PLAN_DEFINITIONS[plan].features);
    }
  });

  it("cannot be deleted (409) and stay listed", async () => {
    const res = await call(templateRoute.DELETE, { method: "DELETE", path: "/api/v1/tenant-templates/tpl_builtin_basic", params: { id: "tpl_builtin_basic" } });
    expect(res.status).toBe(409);
    expect((await ownerQuery("SELECT archived_at FROM tenant_templates WHERE id = 'tpl_builtin_basic'"))[0].archived_at).toBeNull();
  });
});

describe("versions", () => {
  it("PUT adds a version; a tenant provisioned from v1 keeps v1; GET ?version= and the versions list show both", async () => {
    const created = await create({ key: uniq("tpl-"), name: "Agency", definition: definition() });
    expect(created.status).toBe(201);
    const id = created.json.data.template.id;
    expect(created.json.data.template.current_version).toBe(1);

    const slug = uniq("from-v1-");
    const p = await provision({ template_id: id, name: "From v1", slug, admin_email: `owner@${slug}.test` });
    expect(p.status).toBe(201);
    const tenantId = p.json.data.tenant.id;

    const v2 = await put(id, { definition: definition({ limits: { users: 200 }, roles: [{ name: "Support", description: "Helps customers", permissions: ["members:read", "audit:read"] }] }) });
    expect(v2.status).toBe(200);
    expect(v2.json.data.template.current_version).toBe(2);
    expect(v2.json.data.template.version.definition.limits).toEqual({ users: 200 });

    const [row] = await ownerQuery<{ template_id: string; template_version: number; limits: { users: number } }>("SELECT template_id, template_version, limits FROM tenants WHERE id = $1", [tenantId]);
    expect(row).toMatchObject({ template_id: id, template_version: 1, limits: { users: 75 } });

    const v1 = await call(templateRoute.GET, { path: `/api/v1/tenant-templates/${id}?version=1`, params: { id } });
    expect(v1.json.data.template.version.version).toBe(1);
    expect(v1.json.data.template.version.definition.limits).toEqual({ users: 75 });
    const versions = await call(versionsRoute.GET, { path: `/api/v1/tenant-templates/${id}/versions`, params: { id } });
    expect(versions.json.data.versions.map((v: { version: number; tenant_count: number }) => [v.version, v.tenant_count])).toEqual([
      [2, 0],
      [1, 1],
    ]);

    // Comparing the tenant with v2 names exactly what moved.
    const diff = await call(diffRoute.GET, { path: `/api/v1/tenant-templates/${id}/diff?tenant_id=${tenantId}`, params: { id } });
    expect(diff.status).toBe(200);
    expect(diff.json.data.diff.map((d: { field: string }) => d.field).sort()).toEqual(["limits.users", "roles.Support", "template"]);

    const missing = await call(templateRoute.GET, { path: `/api/v1/tenant-templates/${id}?version=9`, params: { id } });
    expect(missing.status).toBe(404);
  });

  it("20 parallel PUTs give 20 consecutive versions and no 500", async () => {
    const id = (await create({ key: uniq("tpl-"), name: "Busy", definition: definition({ starter_sql: null }) })).json.data.template.id;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => put(id, { description: `edit ${i}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const rows = await ownerQuery<{ version: number }>("SELECT version FROM tenant_template_versions WHERE template_id = $1 ORDER BY version", [id]);
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
  });

  it("DELETE archives: gone from the list, still readable, tenants keep their version, no more edits", async () => {
    const id = (await create({ key: uniq("tpl-"), name: "Old", definition: definition({ starter_sql: null, webhook_endpoints: [] }) })).json.data.template.id;
    const del = await call(templateRoute.DELETE, { method: "DELETE", path: `/api/v1/tenant-templates/${id}`, params: { id } });
    expect(del.status).toBe(200);
    expect(del.json.data.template.archived_at).toBeTruthy();
    const list = await call(templatesRoute.GET, { path: "/api/v1/tenant-templates" });
    expect(list.json.data.templates.some((t: { id: string }) => t.id === id)).toBe(false);
    expect((await call(templateRoute.GET, { path: `/api/v1/tenant-templates/${id}`, params: { id } })).status).toBe(200);
    expect((await put(id, { name: "Revived" })).status).toBe(409);
    const slug = uniq("arch-");
    expect((await provision({ template_id: id, name: "Nope", slug, admin_email: `o@${slug}.test` })).status).toBe(409);
  });
});

describe("POST /tenants/provision-from-template", () => {
  it("creates the roles, branding, webhook endpoints (each with its own secret) and the starter rows in the tenant's schema, as steps", async () => {
    const id = (await create({ key: uniq("tpl-"), name: "Full", definition: definition() })).json.data.template.id;
    const [a, b] = [uniq("full-"), uniq("full-")];
    const [ra, rb] = await Promise.all([
      provision({ template_id: id, name: "Full A", slug: a, admin_email: `owner@${a}.test`, overrides: { plan: "enterprise", settings: { timezone: "Asia/Tokyo" } } }),
      provision({ template_id: id, name: "Full B", slug: b, admin_email: `owner@${b}.test` }),
    ]);
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(ra.json.data.provisioning.steps_completed).toEqual([
      "schema_creation",
      "migration_setup",
      "extensions_setup",
      "admin_creation",
      "template_settings",
      "template_roles",
      "template_webhooks",
      "template_starter_data",
      "branding_apply",
    ]);
    const tenantA = ra.json.data.tenant.id;
    const [row] = await ownerQuery<Record<string, unknown>>("SELECT plan, settings, limits, features, branding, schema_name FROM tenants WHERE id = $1", [tenantA]);
    expect(row.plan).toBe("enterprise");
    expect(row.settings).toMatchObject({ timezone: "Asia/Tokyo", currency: "EUR" });
    expect(row.limits).toMatchObject({ ...PLAN_DEFINITIONS.enterprise.limits, users: 75 });
    expect(row.features).toMatchObject({ audit_logs: true, sso_integration: true });
    expect(row.branding).toMatchObject({ company_name: "Template Co", primary_color: "#0f766e" });

    const roles = await ownerQuery("SELECT name, description, permissions FROM tenant_roles WHERE tenant_id = $1", [tenantA]);
    expect(roles).toEqual([{ name: "Support", description: "Helps customers", permissions: ["members:read"] }]);

    const endpoints = await ownerQuery<{ tenant_id: string; url: string; event_types: string[]; secret_ciphertext: string }>(
      "SELECT tenant_id, url, event_types, secret_ciphertext FROM webhook_endpoints WHERE tenant_id = ANY($1)",
      [[tenantA, rb.json.data.tenant.id]],
    );
    expect(endpoints.map((e) => [e.url, e.event_types])).toEqual([
      ["https://hooks.example.com/atrium", ["member.*"]],
      ["https://hooks.example.com/atrium", ["member.*"]],
    ]);
    const secrets = endpoints.map((e) => openSecret(e.secret_ciphertext));
    expect(secrets[0]).not.toBe(secrets[1]);

    const schema = row.schema_name as string;
    const users = await ownerQuery(`SELECT email, name FROM "${schema}".users ORDER BY email`);
    expect(users).toEqual([
      { email: "first@starter.test", name: "First User" },
      { email: "second@starter.test", name: "Second User" },
    ]);
    const docs = await ownerQuery(`SELECT d.title, u.email FROM "${schema}".documents d JOIN "${schema}".users u ON u.id = d.owner_id`);
    expect(docs).toEqual([{ title: "Welcome", email: "first@starter.test" }]);
    expect((await auditEvents(tenantA, "tenant.provisioned")).length).toBe(1);
  });

  it("is idempotent per Idempotency-Key: a retry answers the same tenant and provisions nothing more", async () => {
    const slug = uniq("idem-");
    const body = { template_id: "tpl_builtin_basic", name: "Idem", slug, admin_email: `o@${slug}.test` };
    const headers = { "idempotency-key": uniq("key-") };
    const first = await call(provisionRoute.POST, { method: "POST", path: "/api/v1/tenants/provision-from-template", headers, body });
    const again = await call(provisionRoute.POST, { method: "POST", path: "/api/v1/tenants/provision-from-template", headers, body });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.json.data.tenant.id).toBe(first.json.data.tenant.id);
    expect(await ownerQuery("SELECT template_id, template_version FROM tenants WHERE slug = $1", [slug])).toEqual([{ template_id: "tpl_builtin_basic", template_version: 1 }]);
  });

  it("400s name the field and write nothing", async () => {
    const slug = uniq("bad-");
    const before = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM tenants WHERE slug = $1", [slug]);
    const r1 = await provision({ template_id: "tpl_builtin_basic", name: "X", slug, admin_email: "nope" });
    expect(r1.status).toBe(400);
    expect(JSON.stringify(r1.json.error)).toMatch(/name|admin_email/);
    const r2 = await provision({ template_id: "tpl_missing", name: "Missing", slug });
    expect(r2.status).toBe(404);
    expect(JSON.stringify(r2.json.error)).toContain("template_id");
    // An API key has no one to make owner: admin_email is needed.
    const r3 = await provision({ template_id: "tpl_builtin_basic", name: "No admin", slug });
    expect(r3.status).toBe(400);
    expect(JSON.stringify(r3.json.error)).toContain("admin_email");
    expect(await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM tenants WHERE slug = $1", [slug])).toEqual(before);
  });
});

describe("starter SQL is checked at save time", () => {
  const cases: [string, string, RegExp][] = [
    ["DDL", "INSERT INTO users (email, name) VALUES ('a@b.test', 'A');\nCREATE TABLE extra (id int);", /statement 2 \(CREATE TABLE extra \(id int\)\).*not allowed/],
    ["another schema", "INSERT INTO public.users (id, email, name) VALUES ('u', 'a@b.test', 'A')", /statement 1 .*outside the tenant's schema/],
    ["a function off the allowlist", "INSERT INTO users (email, name) VALUES (pg_read_file('/etc/passwd'), 'x')", /statement 1 .*pg_read_file/],
    ["a syntax error", "INSERT INTO users (email, name) VALUES ('a', 'b');\nINSERT INTO", /statement 2: syntax error/],
    ["a system catalogue", "DELETE FROM pg_authid", /statement 1 .*system catalogue/],
  ];
  for (const [what, sql, message] of cases) {
    it(`refuses ${what} with a 400 naming the statement, storing nothing`, async () => {
      const before = await templateCount();
      const res = await create({ key: uniq("tpl-"), name: "Bad SQL", definition: definition({ starter_sql: sql }) });
      expect(res.status).toBe(400);
      expect(res.json.error.message).toMatch(message);
      expect(res.json.error.details[0].path).toBe("definition.starter_sql");
      expect(await templateCount()).toBe(before);
    });
  }

  it("refuses bad roles, endpoints and limits by field", async () => {
    const bad = await create({
      key: uniq("tpl-"),
      name: "Bad",
      definition: definition({ starter_sql: null, roles: [{ name: "Helper", permissions: ["nope:read"] }], webhook_endpoints: [{ url: "http://10.0.0.1/x", event_types: ["member.*"] }] }),
    });
    expect(bad.status).toBe(400);
    const paths = bad.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(["definition.roles.0.permissions.0", "definition.webhook_endpoints.0.url"]));
    const owner = await create({ key: uniq("tpl-"), name: "Bad", definition: definition({ starter_sql: null, roles: [{ name: "Boss", permissions: ["billing:manage"] }] }) });
    expect(owner.status).toBe(400);
    const over = await create({ key: uniq("tpl-"), name: "Big", definition: definition({ starter_sql: null, limits: { users: 10_000_000 } }) });
    expect(over.status).toBe(400);
    expect(over.json.error.details[0].path).toBe("definition.limits.users");
  });
});

describe("applyTemplateInTx", () => {
  it("brings a tenant in line, audits it, and a second apply changes nothing", async () => {
    const tenant = await makeTenant({ plan: "basic" });
    const id = (await create({ key: uniq("tpl-"), name: "Apply", definition: definition({ starter_sql: null }) })).json.data.template.id;
    const caller = systemCaller("test");
    const first = await withPlatformScope((tx) => applyTemplateInTx(tx, caller, tenant.id, id, undefined, { auditExtra: { bulk_operation_id: "bop_test" } }));
    expect(first.changed).toBe(true);
    expect(first.diff.map((d) => d.field)).toEqual(expect.arrayContaining(["plan", "limits.users", "settings.timezone", "branding.company_name", "roles.Support", "webhook_endpoints.https://hooks.example.com/atrium", "template"]));
    const [row] = await ownerQuery<Record<string, unknown>>("SELECT plan, template_id, template_version FROM tenants WHERE id = $1", [tenant.id]);
    expect(row).toEqual({ plan: "professional", template_id: id, template_version: 1 });
    const [applied] = await auditEvents(tenant.id, "tenant.template_applied");
    expect(applied.after).toMatchObject({ template_id: id, template_version: 1, bulk_operation_id: "bop_test" });

    const auditBefore = (await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1", [tenant.id]))[0].n;
    const second = await withPlatformScope((tx) => applyTemplateInTx(tx, caller, tenant.id, id));
    expect(second).toEqual({ changed: false, diff: [] });
    expect((await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE tenant_id = $1", [tenant.id]))[0].n).toBe(auditBefore);
    expect((await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM tenant_roles WHERE tenant_id = $1", [tenant.id]))[0].n).toBe(1);
    expect((await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM webhook_endpoints WHERE tenant_id = $1", [tenant.id]))[0].n).toBe(1);
  });

  it("rolled back (a dry run) leaves the tenant as it was", async () => {
    const tenant = await makeTenant({ plan: "basic" });
    const rollback = new Error("dry run");
    await expect(
      withPlatformScope(async (tx) => {
        const r = await applyTemplateInTx(tx, systemCaller("test"), tenant.id, "tpl_builtin_enterprise");
        expect(r.changed).toBe(true);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const [row] = await ownerQuery<Record<string, unknown>>("SELECT plan, template_id FROM tenants WHERE id = $1", [tenant.id]);
    expect(row).toEqual({ plan: "basic", template_id: null });
  });
});
