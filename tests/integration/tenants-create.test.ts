import { describe, expect, it, vi } from "vitest";
import * as tenantsRoute from "@/app/api/v1/tenants/route";
import * as tenantRoute from "@/app/api/v1/tenants/[id]/route";
import { PLAN_DEFINITIONS } from "@/lib/tenants/plans";
import { callRoute } from "../support/call-route";
import { makeApiKey, uniq } from "../support/fixtures";
import { ownerQuery, pgSchemaExists, tablesIn } from "../support/db";

const hex = () => uniq("");

/** Seed 000's create body, made unique for this run, plus Atrium's slug and plan. */
function seedBody() {
  const id = hex();
  const slug = `acme-${id}`;
  return {
    slug,
    schemaName: `acme_corp_${id}`,
    domain: `acme-${id}.mcp-platform.com`,
    email: `admin-${id}@acme.com`,
    body: {
      tenant: {
        name: "Acme Corporation",
        slug,
        plan: "professional",
        schema_name: `acme_corp_${id}`,
        domain: `acme-${id}.mcp-platform.com`,
        settings: {
          timezone: "America/New_York",
          currency: "USD",
          locale: "en-US",
          date_format: "%m/%d/%Y",
          time_format: "%I:%M %p",
          features: { advanced_analytics: true, custom_branding: true, api_access: true, gdpr_compliance: true },
        },
        admin_user: { email: `admin-${id}@acme.com`, name: "John Admin", password: "SecurePassword123!" },
        limits: { users: 1000, storage_gb: 100, api_calls_per_day: 100000, custom_integrations: 5 },
        branding: { logo_url: "https://acme.example.com/logo.png", primary_color: "#007bff", secondary_color: "#6c757d", company_name: "Acme Corporation" },
      },
    },
  };
}

const minimal = (over: Record<string, unknown> = {}) => {
  const slug = uniq("c-");
  return { tenant: { name: `Tenant ${slug}`, slug, admin_user: { email: `owner@${slug}.test`, name: "Owner" }, ...over } };
};

let keyPromise: Promise<string> | undefined;
const apiKey = () => (keyPromise ??= makeApiKey());
const post = async (body: unknown, extra: { rawBody?: string; headers?: Record<string, string> } = {}) =>
  callRoute(tenantsRoute.POST, { method: "POST", key: await apiKey(), body: extra.rawBody === undefined ? body : undefined, ...extra });

describe("POST /api/v1/tenants with seed 000's full body", () => {
  it("creates and provisions the tenant: 201, every step, a real schema and an owner", async () => {
    const s = seedBody();
    const res = await post(s.body);
    expect(res.status).toBe(201);
    expect(res.json.status).toBe("success");
    expect(res.headers.get("location")).toBe(`/api/v1/tenants/${res.json.data.tenant.id}`);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const d = res.json.data;
    expect(d.tenant).toMatchObject({ name: "Acme Corporation", slug: s.slug, schema_name: s.schemaName, domain: s.domain, plan: "professional", status: "active" });
    expect(d.tenant.id).toMatch(/^tenant_[0-9a-f]{16}$/);
    expect(Date.parse(d.tenant.created_at)).not.toBeNaN();
    expect(d.admin_user).toMatchObject({ email: s.email, name: "John Admin", role: "owner" });
    expect(d.admin_user.id).toMatch(/^user_[0-9a-f]{16}$/);
    expect(d.provisioning.status).toBe("completed");
    expect(d.provisioning.steps_completed).toEqual(["schema_creation", "migration_setup", "extensions_setup", "admin_creation", "branding_apply"]);
    expect(d.provisioning.steps_remaining).toEqual([]);
    expect(d.database.schema_created).toBe(true);
    expect(d.database.migrations_applied).toBe(true);
    expect(d.database.migrations).toEqual(["20261123000100", "20261123000200", "20261123000300"]);
    expect(Array.isArray(d.database.extensions_enabled)).toBe(true);

    // The database block is true: the schema, its tables and its migration records exist.
    expect(await pgSchemaExists(s.schemaName)).toBe(true);
    expect(await tablesIn(s.schemaName)).toEqual(["activity_log", "documents", "schema_migrations", "users"]);
    const migrations = await ownerQuery<{ version: string; checksum: string }>(`SELECT version, checksum FROM "${s.schemaName}".schema_migrations ORDER BY version`);
    expect(migrations.map((m) => m.version)).toEqual(d.database.migrations);
    for (const m of migrations) expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
    const exts = await ownerQuery<{ extname: string }>("SELECT extname FROM pg_extension WHERE extname = ANY($1)", [d.database.extensions_enabled]);
    expect(exts.map((e) => e.extname).sort()).toEqual([...d.database.extensions_enabled].sort());

    // The admin is a real account with an owner membership and the given password (hashed).
    const [user] = await ownerQuery<{ id: string; password_hash: string | null; platform_role: string | null }>("SELECT id, password_hash, platform_role FROM users WHERE email = $1", [s.email]);
    expect(user.id).toBe(d.admin_user.id);
    expect(user.password_hash).toMatch(/^scrypt\$/);
    expect(user.platform_role).toBeNull();
    const memberships = await ownerQuery("SELECT role, status FROM memberships WHERE tenant_id = $1 AND user_id = $2", [d.tenant.id, user.id]);
    expect(memberships).toEqual([{ role: "owner", status: "active" }]);

    // What was asked is what is stored.
    const got = await callRoute(tenantRoute.GET, { key: await apiKey(), path: `/api/v1/tenants/${d.tenant.id}`, params: { id: d.tenant.id } });
    expect(got.status).toBe(200);
    expect(got.json.data.limits).toMatchObject({ users: 1000, storage_gb: 100, api_calls_per_day: 100000, custom_integrations: 5 });
    expect(got.json.data.limits.database_connections).toBe(PLAN_DEFINITIONS.professional.limits.database_connections);
    expect(got.json.data.settings).toEqual({ timezone: "America/New_York", currency: "USD", locale: "en-US", date_format: "%m/%d/%Y", time_format: "%I:%M %p" });
    expect(got.json.data.features).toMatchObject({ advanced_analytics: true, custom_branding: true, api_access: true, gdpr_compliance: true, sso_integration: false });
    expect(got.json.data.branding).toMatchObject({
      logo_url: "https://acme.example.com/logo.png",
      primary_color: "#007bff",
      secondary_color: "#6c757d",
      company_name: "Acme Corporation",
      custom_css_applied: false,
    });
    expect(got.json.data.usage.users).toEqual({ current: 1, limit: 1000, usage_percent: 0.1 });

    // The password is kept only as the user's scrypt hash: not in the tenant row, its provisioning state or the audit trail.
    const stored = JSON.stringify([await ownerQuery("SELECT * FROM tenants WHERE id = $1", [d.tenant.id]), await ownerQuery("SELECT * FROM audit_events WHERE tenant_id = $1", [d.tenant.id])]);
    expect(stored).not.toContain("SecurePassword123!");
    expect(stored).not.toContain(user.password_hash!);
    expect(JSON.stringify(res.json)).not.toContain("SecurePassword123!");
  });

  it("applies the plan's defaults when limits, settings, features and branding are absent", async () => {
    const body = minimal({ plan: "basic" });
    const res = await post(body);
    expect(res.status).toBe(201);
    const id = res.json.data.tenant.id;
    const got = await callRoute(tenantRoute.GET, { key: await apiKey(), path: `/api/v1/tenants/${id}`, params: { id } });
    expect(got.json.data.limits).toEqual(PLAN_DEFINITIONS.basic.limits);
    expect(got.json.data.features).toEqual(PLAN_DEFINITIONS.basic.features);
    expect(got.json.data.settings).toMatchObject({ timezone: "UTC", currency: "USD" });
    expect(got.json.data.branding).toMatchObject({ company_name: body.tenant.name, primary_color: "#4f46e5" });
    expect(res.json.data.tenant.schema_name).toBe(`t_${body.tenant.slug.replace(/-/g, "_")}`);
  });

  it("generates the slug from the name when none is given", async () => {
    const word = hex();
    const res = await post({ tenant: { name: `Zeta Widgets ${word} GmbH`, admin_user: { email: `o@${word}.test`, name: "O" } } });
    expect(res.status).toBe(201);
    expect(res.json.data.tenant.slug).toBe(`zeta-widgets-${word}-gmbh`);
    expect(res.json.data.tenant.schema_name).toBe(`t_zeta_widgets_${word}_gmbh`);
    expect(res.json.data.tenant.portal_url).toBe(`http://zeta-widgets-${word}-gmbh.localhost:3000`);
  });

  it("reuses an existing account as the admin instead of creating another", async () => {
    const first = await post(minimal());
    const email = first.json.data.admin_user.email;
    const second = await post(minimal({ admin_user: { email: email.toUpperCase(), name: "Someone Else" } }));
    expect(second.status).toBe(201);
    expect(second.json.data.admin_user.id).toBe(first.json.data.admin_user.id);
    expect(await ownerQuery("SELECT 1 FROM users WHERE email = $1", [email])).toHaveLength(1);
  });
});

describe("POST /api/v1/tenants refuses bad input with the field named", () => {
  const expectError = (res: { status: number; json: { status: string; error: { code: string; details?: { path: string }[] } } }, status: number, code: string, paths?: string[]) => {
    expect(res.status).toBe(status);
    expect(res.json.status).toBe("error");
    expect(res.json.error.code).toBe(code);
    if (paths) expect(res.json.error.details!.map((d) => d.path).sort()).toEqual([...paths].sort());
  };

  it.each(["www", "admin", "api"])("reserved slug %s → 400 invalid_tenant_config naming tenant.slug", async (slug) => {
    const res = await post(minimal({ slug }));
    expectError(res, 400, "invalid_tenant_config", ["tenant.slug"]);
    expect(res.json.error.message).toMatch(/tenant\.slug/);
  });

  it("a name whose generated slug is reserved → 400 naming tenant.slug", async () => {
    const res = await post({ tenant: { name: "Admin", admin_user: { email: `o@${hex()}.test`, name: "O" } } });
    expectError(res, 400, "invalid_tenant_config", ["tenant.slug"]);
  });

  it("a name that yields no slug → 400 naming tenant.slug", async () => {
    const res = await post({ tenant: { name: "日本語の会社", admin_user: { email: `o@${hex()}.test`, name: "O" } } });
    expectError(res, 400, "invalid_tenant_config", ["tenant.slug"]);
  });

  it("unknown fields → 400 with each path named", async () => {
    expectError(await post(minimal({ foo: 1 })), 400, "invalid_tenant_config", ["tenant.foo"]);
    expectError(await post(minimal({ settings: { features: { bogus: true } } })), 400, "invalid_tenant_config", ["tenant.settings.features.bogus"]);
    expectError(await post({ ...minimal(), extra: true }), 400, "invalid_tenant_config", ["extra"]);
    expectError(await post(minimal({ limits: { users: 5, seats: 3 }, branding: { logo: "x" } })), 400, "invalid_tenant_config", ["tenant.limits.seats", "tenant.branding.logo"]);
  });

  it("wrong types → 400 naming the field", async () => {
    expectError(await post(minimal({ name: 42 })), 400, "invalid_tenant_config", ["tenant.name"]);
    expectError(await post(minimal({ plan: "gold" })), 400, "invalid_tenant_config", ["tenant.plan"]);
    expectError(await post(minimal({ limits: { users: "lots" } })), 400, "invalid_tenant_config", ["tenant.limits.users"]);
    expectError(await post(minimal({ limits: { storage_gb: -1 } })), 400, "invalid_tenant_config", ["tenant.limits.storage_gb"]);
    expectError(await post(minimal({ settings: { timezone: "Mars/Olympus" } })), 400, "invalid_tenant_config", ["tenant.settings.timezone"]);
    expectError(await post(minimal({ admin_user: { email: "not-an-email", name: "X" } })), 400, "invalid_tenant_config", ["tenant.admin_user.email"]);
    expectError(await post(minimal({ admin_user: { email: "a@b.co", name: "X", password: "short" } })), 400, "invalid_tenant_config", ["tenant.admin_user.password"]);
    expectError(await post(minimal({ branding: { primary_color: "blue" } })), 400, "invalid_tenant_config", ["tenant.branding.primary_color"]);
    expectError(await post(minimal({ domain: "http://x.com:8080/" })), 400, "invalid_tenant_config", ["tenant.domain"]);
    expectError(await post(minimal({ domain: "192.0.2.1" })), 400, "invalid_tenant_config", ["tenant.domain"]);
    expectError(await post(minimal({ schema_name: "Bad-Name" })), 400, "invalid_tenant_config", ["tenant.schema_name"]);
    expectError(await post({ tenant: "acme" }), 400, "invalid_tenant_config", ["tenant"]);
    expectError(await post([1, 2]), 400, "invalid_tenant_config", ["(body)"]);
  });

  it("malformed JSON → 400 invalid_json", async () => {
    expectError(await post(undefined, { rawBody: '{"tenant": {"name": "x",' }), 400, "invalid_json");
    expectError(await post(undefined, { rawBody: "{'tenant': 1}" }), 400, "invalid_json");
  });

  it("a body that is not JSON → 415", async () => {
    expectError(await post(undefined, { rawBody: "name=acme", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "unsupported_media_type");
  });

  it("a body over 1 MB → 413 payload_too_large, never 500", async () => {
    const big = JSON.stringify(minimal({ name: "x".repeat(1024 * 1024) }));
    expectError(await post(undefined, { rawBody: big }), 413, "payload_too_large");
    expectError(await post(undefined, { rawBody: " ".repeat(1024 * 1024 + 1) }), 413, "payload_too_large");
    expectError(await post(undefined, { rawBody: "{" + "x".repeat(2 * 1024 * 1024) }), 413, "payload_too_large");
  });

  it("a declared Content-Length over 1 MB → 413 before reading", async () => {
    const req = new Request("http://localhost:3000/api/v1/tenants", {
      method: "POST",
      headers: { host: "localhost:3000", authorization: `Bearer ${await apiKey()}`, "content-type": "application/json", "content-length": String(5 * 1024 * 1024) },
      body: JSON.stringify(minimal()),
    });
    const res = await tenantsRoute.POST(req, { params: Promise.resolve({}) as never });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  it("limits above the platform maximum → 400 limits_exceeded naming the limit", async () => {
    const body = minimal({ limits: { users: 2_000_000, database_connections: 10_000, storage_gb: 10 } });
    const res = await post(body);
    expectError(res, 400, "limits_exceeded", ["tenant.limits.users", "tenant.limits.database_connections"]);
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [body.tenant.slug])).toHaveLength(0);
  });

  it("a schema_name already used → 400 schema_name_exists, and nothing is created", async () => {
    const schema_name = `s_${hex()}`;
    expect((await post(minimal({ schema_name }))).status).toBe(201);
    const second = minimal({ schema_name });
    expectError(await post(second), 400, "schema_name_exists", ["tenant.schema_name"]);
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [second.tenant.slug])).toHaveLength(0);
  });

  it("a schema that exists outside Atrium → 400 schema_name_exists", async () => {
    const name = `outside_${hex()}`;
    await ownerQuery(`CREATE SCHEMA ${name}`);
    try {
      expectError(await post(minimal({ schema_name: name })), 400, "schema_name_exists", ["tenant.schema_name"]);
    } finally {
      await ownerQuery(`DROP SCHEMA ${name}`);
    }
  });

  it("a domain another tenant has verified → 400 domain_already_used (case-insensitively); one only pending elsewhere is no claim", async () => {
    const domain = `portal-${hex()}.example.com`;
    const first = await post(minimal({ domain }));
    expect(first.status).toBe(201);
    const second = await post(minimal({ domain: domain.toUpperCase() }));
    expect(second.status).toBe(201);
    await ownerQuery("UPDATE tenant_domains SET status = 'verified' WHERE tenant_id = $1 AND domain = $2", [first.json.data.tenant.id, domain]);
    expectError(await post(minimal({ domain: domain.toUpperCase() })), 400, "domain_already_used", ["tenant.domain"]);
  });

  it("a slug already used → 400 invalid_tenant_config naming tenant.slug", async () => {
    const first = minimal();
    expect((await post(first)).status).toBe(201);
    expectError(await post(minimal({ slug: first.tenant.slug })), 400, "invalid_tenant_config", ["tenant.slug"]);
  });
});

describe("rate limit", () => {
  it("tenant creation is limited per caller per hour → 429 rate_limit_exceeded with Retry-After", async () => {
    vi.stubEnv("RATE_LIMIT_TENANT_CREATE_PER_HOUR", "1");
    try {
      const key = await makeApiKey();
      expect((await callRoute(tenantsRoute.POST, { method: "POST", key, body: minimal() })).status).toBe(201);
      const second = minimal();
      const r = await callRoute(tenantsRoute.POST, { method: "POST", key, body: second });
      expect(r.status).toBe(429);
      expect(r.json.error.code).toBe("rate_limit_exceeded");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [second.tenant.slug])).toEqual([]);
      // Another caller has its own allowance.
      expect((await callRoute(tenantsRoute.POST, { method: "POST", key: await makeApiKey(), body: minimal() })).status).toBe(201);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe("concurrent creates", () => {
  const race = async (bodies: unknown[]) => {
    const key = await apiKey();
    return Promise.all(bodies.map((body) => callRoute(tenantsRoute.POST, { method: "POST", key, body })));
  };

  const expectOneWinner = async (results: Awaited<ReturnType<typeof race>>, code: string, loserSchemas: string[]) => {
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(results.length - 1).fill(400)]);
    for (const r of results.filter((x) => x.status !== 201)) {
      expect(r.json.error.code).toBe(code);
    }
    // The losers left no schema behind.
    for (const s of loserSchemas) expect(await pgSchemaExists(s), s).toBe(false);
  };

  it("10 with the same slug → exactly one 201, the rest invalid_tenant_config naming tenant.slug", async () => {
    const slug = uniq("race-");
    // Half name their own schema (so a loser's schema would be visible), half let it derive from the slug.
    const schemas = Array.from({ length: 10 }, (_, i) => (i % 2 ? `race_${hex()}` : undefined));
    const results = await race(
      schemas.map((schema_name, i) => ({ tenant: { name: `Race ${i}`, slug, ...(schema_name ? { schema_name } : {}), admin_user: { email: `o${i}@${slug}.test`, name: "O" } } })),
    );
    const winner = results.find((r) => r.status === 201)!;
    await expectOneWinner(
      results,
      "invalid_tenant_config",
      schemas.filter((s): s is string => s !== undefined && s !== winner.json.data.tenant.schema_name),
    );
    for (const r of results.filter((x) => x.status !== 201)) expect(r.json.error.details).toEqual([{ path: "tenant.slug", message: expect.any(String) }]);
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE slug = $1", [slug])).toHaveLength(1);
  });

  it("10 with the same schema_name and different slugs → one 201, the rest schema_name_exists", async () => {
    const schema_name = `race_${hex()}`;
    const slugs = Array.from({ length: 10 }, () => uniq("rs-"));
    const results = await race(slugs.map((slug) => ({ tenant: { name: `Race ${slug}`, slug, schema_name, admin_user: { email: `o@${slug}.test`, name: "O" } } })));
    await expectOneWinner(results, "schema_name_exists", []);
    for (const r of results.filter((x) => x.status !== 201)) expect(r.json.error.details).toEqual([{ path: "tenant.schema_name", message: expect.any(String) }]);
    expect(await ownerQuery("SELECT 1 FROM tenants WHERE schema_name = $1", [schema_name])).toHaveLength(1);
    expect(await pgSchemaExists(schema_name)).toBe(true);
  });

  it("10 with the same unverified domain → all 201, each holding it pending (a domain is claimed by proof)", async () => {
    const domain = `race-${hex()}.example.com`;
    const slugs = Array.from({ length: 10 }, () => uniq("rd-"));
    const results = await race(slugs.map((slug) => ({ tenant: { name: `Race ${slug}`, slug, domain, admin_user: { email: `o@${slug}.test`, name: "O" } } })));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(await ownerQuery("SELECT 1 FROM tenant_domains WHERE domain = $1 AND status = 'pending'", [domain])).toHaveLength(10);
  });
});
