import { beforeAll, describe, expect, it } from "vitest";
import { API_CONTRACTS } from "@/lib/api-contracts/registry";
import { systemCaller } from "@/lib/auth/caller";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { BUILT_IN_ROLES } from "@/lib/tenant-access/permissions";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
// Every route module under app/api/v1, keyed by its file path, loaded lazily.
const ROUTE_MODULES = import.meta.glob<Record<string, Handler>>("/app/api/v1/**/route.ts");

type Operation = { path: string; method: string; secured: boolean };
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function documentedOperations(): Operation[] {
  const doc = buildOpenApiDocument() as { security?: unknown[]; paths: Record<string, Record<string, { security?: unknown[] }>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path, method: m.toUpperCase(), secured: (item[m].security ?? doc.security ?? []).length > 0 })),
  );
}

// Served to anyone, by design: the document itself and the content-addressed branding images.
const PUBLIC = new Set(["GET /api/v1/openapi.json", "GET /api/v1/tenants/{id}/branding/assets/{asset_id}"]);

/** The OpenAPI document's operations plus any a route file serves that the document does not (yet) name. */
async function operations(): Promise<Operation[]> {
  const ops = documentedOperations();
  const known = new Set(ops.map((o) => `${o.method} ${o.path}`));
  for (const [file, load] of Object.entries(ROUTE_MODULES)) {
    const path = file.replace(/^\/app/, "").replace(/\/route\.ts$/, "").replace(/\[([^\]]+)\]/g, "{$1}");
    for (const method of Object.keys(await load()).filter((k) => METHODS.includes(k.toLowerCase() as (typeof METHODS)[number]))) {
      if (!known.has(`${method} ${path}`)) ops.push({ path, method, secured: !PUBLIC.has(`${method} ${path}`) });
    }
  }
  return ops;
}

/** `/api/v1/tenants/{id}/users` → `/app/api/v1/tenants/[id]/users/route.ts`, the file Next serves it from. */
const routeFile = (path: string) => `/app${path.replace(/\{([^}]+)\}/g, "[$1]")}/route.ts`;

async function handlerFor(op: Operation): Promise<Handler> {
  const load = ROUTE_MODULES[routeFile(op.path)];
  if (!load) throw new Error(`${op.method} ${op.path}: no route file ${routeFile(op.path)}`);
  const handler = (await load())[op.method];
  if (!handler) throw new Error(`${op.method} ${op.path}: ${routeFile(op.path)} exports no ${op.method}`);
  return handler;
}

const BODIES: { name: string; rawBody?: string; headers?: Record<string, string> }[] = [
  { name: "no body" },
  { name: "empty object", rawBody: "{}", headers: { "content-type": "application/json" } },
  { name: "garbage", rawBody: "not json {", headers: { "content-type": "application/json" } },
  { name: "image bytes", rawBody: "\u0089PNG garbage", headers: { "content-type": "image/png" } },
];


/** The operations whose contract asks for usage:read and nothing more (usage, alert thresholds, notices): a usage:read key may call them. */
const readsUsage = (op: Operation) => API_CONTRACTS.some((c) => c.method === op.method && c.path === op.path && c.access !== "public" && c.access.tenant === "usage:read" && !c.access.tenantSide);

/** The operations whose path names no tenant and that a tenant key calls for its own tenant (tenantSide "own": usage events, search). */
const ownTenantOnly = (op: Operation) => API_CONTRACTS.some((c) => c.method === op.method && c.path === op.path && c.access !== "public" && c.access.tenantSide === "own");

let other: { id: string; slug: string };
type Who = { name: string; key?: string; host: string; tenantId: string; denied: (op: Operation) => boolean };
const callers: Who[] = [];

beforeAll(async () => {
  const [a, b] = await Promise.all([makeTenant(), makeTenant()]);
  other = b;
  const tenantKey = (id: string, permissions: string[]) => createTenantApiKey(platformActor(systemCaller("test")), id, { name: uniq("key-"), permissions }).then((r) => r.key);
  const [none, auditor, bare, viewer, foreign] = await Promise.all([
    makeApiKey([]),
    makeApiKey(["tenants:read", "audit:read"]),
    tenantKey(a.id, ["usage:read"]),
    tenantKey(a.id, ["members:read", "usage:read"]),
    tenantKey(b.id, [...BUILT_IN_ROLES.admin.permissions]),
  ]);
  const consoleHost = "localhost:3000";
  const hostOf = (slug: string) => `${slug}.localhost:3000`;
  const always = () => true;
  const writes = (op: Operation) => op.method !== "GET";
  callers.push(
    { name: "anonymous on the console", host: consoleHost, tenantId: a.id, denied: always },
    { name: "anonymous on the tenant's host", host: hostOf(a.slug), tenantId: a.id, denied: always },
    { name: "platform key without permissions", key: none, host: consoleHost, tenantId: a.id, denied: always },
    { name: "platform key without permissions, unknown tenant", key: none, host: consoleHost, tenantId: "tenant_0000000000000000", denied: always },
    { name: "auditor key (reads only)", key: auditor, host: consoleHost, tenantId: a.id, denied: writes },
    { name: "tenant key with usage:read only", key: bare, host: hostOf(a.slug), tenantId: a.id, denied: (op) => !readsUsage(op) },
    { name: "tenant viewer key", key: viewer, host: hostOf(a.slug), tenantId: a.id, denied: writes },
    // POST /usage/events and GET /search name no tenant in their path: this admin key acts there for its own tenant.
    { name: "another tenant's key, on its own host, naming this tenant", key: foreign, host: hostOf(b.slug), tenantId: a.id, denied: (op) => !ownTenantOnly(op) },
  );
});

describe("authorisation comes before validation, on every operation of the OpenAPI document and every route file", () => {
  let ops: Operation[] = [];
  beforeAll(async () => {
    ops = (await operations()).filter((op) => op.secured);
  });

  it("finds the operations and their route files", async () => {
    expect(ops.length).toBeGreaterThan(30);
    for (const op of ops) await handlerFor(op);
    // The tenant API keys routes, once missing from the hand-written document, are in the generated one.
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(expect.arrayContaining(["POST /api/v1/tenants/{id}/api-keys", "DELETE /api/v1/tenants/{id}/api-keys/{key_id}"]));
  });

  it("answers 401 or 403 (never 400, 404, 415, 422 or 500) to callers without the permission, whatever the body", async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const op of ops) {
      const handler = await handlerFor(op);
      for (const who of callers.filter((c) => c.denied(op))) {
        const params: Record<string, string> = { id: who.tenantId, user_id: "user_0000000000000000", role_id: "role_missing", key_id: "key_missing", domain_id: "dom_missing", version: "1", asset_id: "a", notice_id: "notice_missing", domain: "nothing.example" };
        const path = op.path.replace(/\{([^}]+)\}/g, (_, p: string) => params[p]);
        for (const body of op.method === "GET" || op.method === "DELETE" ? BODIES.slice(0, 1) : BODIES) {
          const r = await callRoute(handler, {
            method: op.method,
            path,
            params,
            key: who.key,
            rawBody: body.rawBody,
            headers: { host: who.host, origin: `http://${who.host}`, ...body.headers },
          });
          checked++;
          if (r.status !== 401 && r.status !== 403) wrong.push(`${op.method} ${op.path} as ${who.name} with ${body.name}: ${r.status} ${JSON.stringify(r.json?.error ?? r.json)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(200);
    // Over a thousand calls (every operation × caller × body): about 5 s alone, but the whole
    // suite runs files side by side on two cores, and each feature's routes add to the walk.
  }, 120_000);

  it("answers a tenant key posting {} to POST /tenants on its tenant's host with 403, not the body's field list", async () => {
    const handler = await handlerFor({ path: "/api/v1/tenants", method: "POST", secured: true });
    const key = await createTenantApiKey(platformActor(systemCaller("test")), other.id, { name: uniq("key-"), permissions: ["members:read"] }).then((r) => r.key);
    const r = await callRoute(handler, { method: "POST", key, body: {}, headers: { host: `${other.slug}.localhost:3000` } });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("admin_privileges_required");
    expect(JSON.stringify(r.json)).not.toContain("tenant.name");
  });

  it("still validates for a caller who holds the permission", async () => {
    const handler = await handlerFor({ path: "/api/v1/tenants", method: "POST", secured: true });
    const r = await callRoute(handler, { method: "POST", key: await makeApiKey(), body: {} });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("invalid_tenant_config");
  });
});
