import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as brandingRoute from "@/app/api/v1/tenants/[id]/branding/route";
import * as versionsRoute from "@/app/api/v1/tenants/[id]/branding/versions/route";
import * as usageEventsRoute from "@/app/api/v1/usage/events/route";
import { systemCaller } from "@/lib/auth/caller";
import { getBranding } from "@/lib/branding/get-branding";
import { listBrandingVersions } from "@/lib/branding/list-branding-versions";
import { updateBranding } from "@/lib/branding/update-branding";
import { suspendMember } from "@/lib/members/change-member-status";
import { removeMember } from "@/lib/members/remove-member";
import { createRole } from "@/lib/roles/create-role";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { BUILT_IN_ROLES, BUILT_IN_ROLE_KEYS } from "@/lib/tenant-access/permissions";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { newApiKeySecret } from "@/lib/auth/api-keys";
import { newId } from "@/lib/ids";
import { callRoute } from "../support/call-route";
import { ownerQuery } from "../support/db";
import { makeApiKey, makeTenant } from "../support/fixtures";
import { pngBytes } from "../support/branding-images";
import { addMember, codeOf, memberActor } from "../support/tenant-members";

// Every tenant-scope route, every method, with keys that can do nothing:
// each is refused at authentication (401), before the body or the route's own
// checks are looked at, and nothing is written.

const ROUTES_DIR = path.join(process.cwd(), "app", "api", "v1", "tenants", "[id]");
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** How each route is called: a body that would be refused if it were ever parsed, or a raw image for uploads; "public" answers without a key by design. */
type Call = { body?: unknown; upload?: true; query?: string } | "public";
/** What a public route answers to the table's bare request, when not 404. */
const PUBLIC_ANSWER: Record<string, number> = { "export/[job_id]/download": 400 };
const ROUTE_TABLE: Record<string, Partial<Record<Method, Call>>> = {
  ".": { GET: {}, PUT: { body: { name: "x" } }, DELETE: { query: "?confirmation=DELETE_PERMANENTLY" } },
  "alert-thresholds": { GET: {}, PUT: { body: {} } },
  "api-keys": { GET: {}, POST: { body: { name: "child" } } },
  "api-keys/[key_id]": { DELETE: {} },
  analytics: { GET: { query: "?period=1y" } },
  billing: { GET: {} },
  archive: { POST: { body: {} } },
  backup: { POST: { body: {} } },
  backups: { GET: {} },
  "backups/[backup_id]": { GET: {} },
  "backups/[backup_id]/download": { GET: {} },
  "audit-log": { GET: { query: "?from=garbage" } },
  "audit-log/export": { GET: { query: "?format=xml" } },
  "audit-log/verify": { GET: {} },
  branding: { GET: {}, PUT: { body: {} } },
  // Logos and favicons are shown to anyone (sign-in pages, emails): no key is asked for.
  "branding/assets/[asset_id]": { GET: "public" },
  "branding/favicon": { POST: { upload: true } },
  "branding/logo": { POST: { upload: true } },
  "branding/preview": { POST: { body: {} } },
  "branding/versions": { GET: { query: "?limit=0" } },
  "branding/versions/[version]/revert": { POST: { body: {} } },
  "cancel-deletion": { POST: { body: {} } },
  domains: { GET: {}, POST: { body: {} } },
  "domains/[domain_id]": { DELETE: {} },
  "domains/[domain_id]/primary": { POST: { body: {} } },
  "domains/[domain_id]/verify": { POST: { body: {} } },
  "domains/test": { POST: { body: {} } },
  export: { POST: { body: {} } },
  "export/[job_id]": { GET: {} },
  "export/[job_id]/download": { GET: "public" },
  health: { GET: {} },
  "impersonation-requests": { GET: {}, POST: { body: {} } },
  "impersonation-requests/[request_id]/approve": { POST: { body: {} } },
  "impersonation-requests/[request_id]/deny": { POST: { body: {} } },
  "impersonation-requests/[request_id]/revoke": { POST: { body: {} } },
  "limits/check": { POST: { body: {} } },
  messages: { GET: {} },
  migrate: { POST: { body: { dry_run: true } } },
  notices: { GET: {} },
  "notices/[notice_id]/dismiss": { POST: { body: {} } },
  notifications: { POST: { body: {} } },
  query: { POST: { body: {} } },
  reactivate: { POST: { body: {} } },
  restore: { POST: { body: {} } },
  "restores/[restore_id]": { GET: {} },
  roles: { GET: {}, POST: { body: {} } },
  scale: { POST: { body: {} } },
  security: { GET: {}, PUT: { body: { require_2fa: "maybe" } } },
  "security/email-domains": { GET: {}, POST: { body: {} } },
  "security/email-domains/[domain]": { PATCH: { body: {} }, DELETE: {} },
  "security/email-domains/[domain]/verify": { POST: { body: {} } },
  schema: { GET: { query: "?include_indexes=maybe" } },
  sso: { GET: {}, PUT: { body: {} }, DELETE: {} },
  "sso/test": { POST: { body: { issuer: 5 } } },
  subscription: { GET: {} },
  "subscription/add-ons": { PUT: { body: {} } },
  "subscription/downgrade": { POST: { body: {} } },
  "subscription/trial": { POST: { body: {} }, PUT: { body: {} } },
  "subscription/upgrade": { POST: { body: {} } },
  suspend: { POST: { body: {} } },
  usage: { GET: { query: "?period=2y" } },
  "usage-quotas": { GET: {} },
  users: { GET: { query: "?page=0" }, POST: { body: {} } },
  "users/[user_id]": { POST: { body: {} }, DELETE: {} },
  "users/[user_id]/roles": { GET: {}, POST: { body: {} } },
  "users/[user_id]/roles/[role_id]": { DELETE: {} },
  "users/invitations": { GET: {} },
  "users/invite": { POST: { body: {} } },
  webhooks: { GET: {}, POST: { body: {} } },
  "webhooks/[endpoint_id]": { GET: {}, PATCH: { body: {} }, DELETE: {} },
  "webhooks/[endpoint_id]/deliveries": { GET: { query: "?limit=0" } },
  "webhooks/[endpoint_id]/deliveries/[delivery_id]/replay": { POST: { body: {} } },
  "webhooks/[endpoint_id]/recover": { POST: { body: {} } },
  "webhooks/[endpoint_id]/rotate-secret": { POST: { body: {} } },
  "webhooks/[endpoint_id]/test": { POST: { body: {} } },
};

async function routeFiles(dir = ROUTES_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name === "route.ts")
    .map((e) => path.relative(ROUTES_DIR, e.parentPath) || ".")
    .sort();
}

const loadRoute = async (rel: string) => (await import(path.join(ROUTES_DIR, rel, "route.ts"))) as Partial<Record<Method, Handler>>;

let A: { id: string; slug: string };
let params: Record<string, string>;
const tenantHost = () => `${A.slug}.localhost:3000`;

beforeAll(async () => {
  A = await makeTenant();
  const member = await addMember(A.id, "member");
  params = { id: A.id, key_id: "key_0000000000000000", asset_id: `logo_${"0".repeat(32)}`, version: "1", domain_id: "dom_0000000000000000", user_id: member.id, role_id: "viewer", endpoint_id: "whep_0000000000000000", delivery_id: "msg_00000000000000000000000000000000", notice_id: "notice_0000000000000000", job_id: "exp_0000000000000000", domain: "nothing.example", request_id: "imp_0000000000000000" };
});

async function call(rel: string, method: Method, spec: Exclude<Call, "public">, key: string | null, host: string) {
  const handler = (await loadRoute(rel))[method]!;
  const pathname = `/api/v1/tenants/${rel === "." ? A.id : `${A.id}/${rel}`}`.replace(/\[(\w+)\]/g, (_, p: string) => params[p]);
  const headers: Record<string, string> = { host, origin: `http://${host}` };
  if (key) headers.authorization = `Bearer ${key}`;
  let body: BodyInit | undefined;
  if (spec.upload) {
    headers["content-type"] = "image/png";
    body = new Uint8Array(pngBytes(16, 16, 7));
  } else if (spec.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(spec.body);
  }
  const res = await handler(new Request(`http://${host}${pathname}${spec.query ?? ""}`, { method, headers, body }), { params: Promise.resolve(params) });
  const text = await res.text();
  return { status: res.status, code: text.startsWith("{") ? (JSON.parse(text) as { error?: { code: string } }).error?.code : undefined, wwwAuthenticate: res.headers.get("www-authenticate") };
}

const everyCall = () => Object.entries(ROUTE_TABLE).flatMap(([rel, methods]) => Object.entries(methods).map(([method, spec]) => ({ rel, method: method as Method, spec: spec! })));

const writesTo = async (tenantId: string) =>
  (
    await ownerQuery<{ n: string }>(
      `SELECT (SELECT count(*) FROM audit_events WHERE tenant_id = $1) + (SELECT count(*) FROM api_keys WHERE tenant_id = $1) + (SELECT count(*) FROM tenant_assets WHERE tenant_id = $1)
        + (SELECT count(*) FROM tenant_roles WHERE tenant_id = $1) + (SELECT count(*) FROM tenant_invitations WHERE tenant_id = $1) + (SELECT version FROM tenants WHERE id = $1) AS n`,
      [tenantId],
    )
  )[0].n;

/** A tenant key stored with the given grant, as if made by platform staff (so no creator caps it). */
async function storedTenantKey(tenantId: string, permissions: string[]): Promise<string> {
  const { secret, prefix, keyHash } = newApiKeySecret();
  await ownerQuery("INSERT INTO api_keys (id, name, scope, tenant_id, prefix, key_hash, permissions) VALUES ($1, 'stored', 'tenant', $2, $3, $4, $5)", [newId("key"), tenantId, prefix, keyHash, permissions]);
  return secret;
}

describe("the route table", () => {
  it("names every route file under app/api/v1/tenants/[id] and every method each exports", async () => {
    const files = await routeFiles();
    expect(files).toEqual(Object.keys(ROUTE_TABLE).sort());
    for (const rel of files) {
      const mod = await loadRoute(rel);
      const exported = METHODS.filter((m) => typeof mod[m] === "function");
      expect(exported, rel).toEqual(METHODS.filter((m) => ROUTE_TABLE[rel][m] !== undefined));
    }
  });
});

describe("a key that can do nothing is refused at authentication on every tenant route", () => {
  it("a member's key after the member was removed or suspended, a key left with no permission, a key granted none: 401 everywhere, nothing written", async () => {
    const admin = platformActor(systemCaller("test"));
    const leaver = await addMember(A.id, "admin");
    const { key: leaverKey } = await createTenantApiKey(memberActor(A.id, leaver.id), A.id, { name: "leaver's", permissions: [...BUILT_IN_ROLES.admin.permissions] });
    const sleeper = await addMember(A.id, "admin");
    const { key: sleeperKey } = await createTenantApiKey(memberActor(A.id, sleeper.id), A.id, { name: "sleeper's", permissions: [...BUILT_IN_ROLES.admin.permissions] });
    // Granted only what the creator's new role lacks: the key keeps nothing.
    const demoted = await addMember(A.id, "admin");
    const { key: demotedKey } = await createTenantApiKey(memberActor(A.id, demoted.id), A.id, { name: "demoted's", permissions: ["api_keys:manage", "domains:manage"] });
    await removeMember(admin, A.id, leaver.id);
    await suspendMember(admin, A.id, sleeper.id);
    await ownerQuery("UPDATE memberships SET role = 'viewer' WHERE tenant_id = $1 AND user_id = $2", [A.id, demoted.id]);
    const emptyKey = await storedTenantKey(A.id, []);
    const junkKey = await storedTenantKey(A.id, ["no:such-permission"]);
    const emptyPlatformKey = await makeApiKey([]);

    const before = await writesTo(A.id);
    const bad: [string, string, string][] = [
      ["removed creator", leaverKey, tenantHost()],
      ["suspended creator", sleeperKey, tenantHost()],
      ["demoted creator", demotedKey, tenantHost()],
      ["empty grant", emptyKey, tenantHost()],
      ["unknown permissions only", junkKey, tenantHost()],
      ["platform key without permissions", emptyPlatformKey, "localhost:3000"],
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const [what, key, host] of bad) {
      for (const { rel, method, spec } of everyCall()) {
        const label = `${what}: ${method} ${rel}`;
        if (spec === "public") {
          // Public routes answer the same with or without a key: here, no such image; a download link without its signature.
          const r = await call(rel, method, {}, key, host);
          got.push(`${label} → ${r.status}`);
          want.push(`${label} → ${PUBLIC_ANSWER[rel] ?? 404}`);
          continue;
        }
        const r = await call(rel, method, spec, key, host);
        got.push(`${label} → ${r.status} ${r.code} ${r.wwwAuthenticate}`);
        want.push(`${label} → 401 authentication_required Bearer`);
      }
    }
    expect(got).toEqual(want);
    expect(await writesTo(A.id)).toBe(before);
  });

  it("the same calls with a live key pass authentication (so the table's requests reach the routes)", async () => {
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: "live", permissions: [...BUILT_IN_ROLES.owner.permissions] });
    const platformKey = await makeApiKey(["tenants:read"]);
    for (const { rel, method, spec } of everyCall()) {
      if (spec === "public") continue;
      for (const [k, host] of [
        [key, tenantHost()],
        [platformKey, "localhost:3000"],
      ]) {
        const r = await call(rel, method, spec, k, host);
        expect(r.status, `${method} ${rel} on ${host}: ${r.code}`).not.toBe(401);
        expect(r.status, `${method} ${rel} on ${host}: ${r.code}`).toBeLessThan(500);
      }
    }
  });
});

describe("branding reads need branding:read", () => {
  it("a removed member's key no longer reads the branding or its history (which names editors)", async () => {
    const editor = await addMember(A.id, "admin");
    await updateBranding(memberActor(A.id, editor.id), A.id, { company_name: "Edited by an admin" });
    const { key } = await createTenantApiKey(memberActor(A.id, editor.id), A.id, { name: "brand reader", permissions: ["branding:read"] });
    const get = () => callRoute(brandingRoute.GET, { path: `/api/v1/tenants/${A.id}/branding`, params: { id: A.id }, key, headers: { host: tenantHost() } });
    const versions = () => callRoute(versionsRoute.GET, { path: `/api/v1/tenants/${A.id}/branding/versions`, params: { id: A.id }, key, headers: { host: tenantHost() } });
    expect((await get()).status).toBe(200);
    expect((await versions()).status).toBe(200);
    await removeMember(platformActor(systemCaller("test")), A.id, editor.id);
    for (const r of [await get(), await versions()]) {
      expect([r.status, r.json.error.code]).toEqual([401, "authentication_required"]);
      expect(r.json.error.message).toMatch(/no permission/);
    }
  });

  it("a key or role without branding:read is refused by name; every built-in role reads it; granting branding:update grants it too", async () => {
    const { key } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: "members only", permissions: ["members:read"] });
    for (const [route, sub] of [
      [brandingRoute, "branding"],
      [versionsRoute, "branding/versions"],
    ] as const) {
      const r = await callRoute(route.GET, { path: `/api/v1/tenants/${A.id}/${sub}`, params: { id: A.id }, key, headers: { host: tenantHost() } });
      expect([r.status, r.json.error.code, r.json.error.details]).toEqual([403, "admin_privileges_required", { permission: "branding:read" }]);
    }
    for (const role of BUILT_IN_ROLE_KEYS) {
      const m = await addMember(A.id, role);
      expect(await codeOf(getBranding(memberActor(A.id, m.id), A.id)), role).toBe("ok");
      expect(await codeOf(listBrandingVersions(memberActor(A.id, m.id), A.id)), role).toBe("ok");
    }
    const owner = platformActor(systemCaller("test"));
    const { role: counter } = await createRole(owner, A.id, { name: "Counter", permissions: ["usage:read"] });
    const counterMember = await addMember(A.id, counter.id);
    expect(await codeOf(getBranding(memberActor(A.id, counterMember.id), A.id))).toBe("admin_privileges_required");
    const { role: brander } = await createRole(owner, A.id, { name: "Brander", permissions: ["branding:update"] });
    expect(brander.permissions).toEqual(["branding:read", "branding:update"]);
    const { apiKey } = await createTenantApiKey(owner, A.id, { name: "brand editor", permissions: ["branding:update"] });
    expect([...apiKey.permissions].sort()).toEqual(["branding:read", "branding:update"]);
  });
});

// POST /usage/events names no tenant in its path (the key's own tenant is meant): not in the table above, checked here.
describe("reporting usage needs usage:report", () => {
  it("a member's key after the member was removed: 401; a key without usage:report: 403 before the body; with it: recorded for its own tenant", async () => {
    const post = (key: string, body: unknown) =>
      callRoute(usageEventsRoute.POST, {
        method: "POST",
        path: "/api/v1/usage/events",
        key,
        ...(typeof body === "string" ? { rawBody: body, headers: { host: tenantHost(), "content-type": "application/json" } } : { body, headers: { host: tenantHost() } }),
      });
    const leaver = await addMember(A.id, "admin");
    const { key: leaverKey } = await createTenantApiKey(memberActor(A.id, leaver.id), A.id, { name: "leaver's reporter", permissions: ["usage:report"] });
    await removeMember(platformActor(systemCaller("test")), A.id, leaver.id);
    expect((await post(leaverKey, "not json {")).status).toBe(401);
    const { key: reader } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: "usage reader", permissions: ["usage:read"] });
    const refused = await post(reader, "not json {");
    expect([refused.status, refused.json.error.details]).toEqual([403, { permission: "usage:report" }]);
    const { key: reporter } = await createTenantApiKey(platformActor(systemCaller("test")), A.id, { name: "usage reporter", permissions: ["usage:report"] });
    const ok = await post(reporter, { events: [{ id: newId("evt"), meter: "api_calls", value: 1, timestamp: new Date().toISOString() }] });
    expect([ok.status, ok.json.data.accepted]).toEqual([200, 1]);
    expect(BUILT_IN_ROLES.admin.permissions).toContain("usage:report");
    expect(BUILT_IN_ROLES.member.permissions).not.toContain("usage:report");
  });
});
