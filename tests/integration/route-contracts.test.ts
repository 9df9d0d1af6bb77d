import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { systemCaller } from "@/lib/auth/caller";
import { defineRoute, type RouteContract } from "@/lib/api-contracts/define-route";
import { API_CONTRACTS } from "@/lib/api-contracts/registry";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { buildOpenApiDocument } from "@/lib/openapi/build-openapi";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";

const API_ROOT = path.resolve(import.meta.dirname, "../../app/api/v1");
const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Every route.ts under app/api/v1, found on disk (not through any list the code keeps), with the path Next serves it at. */
function routeFiles(): { file: string; path: string }[] {
  return readdirSync(API_ROOT, { recursive: true, encoding: "utf8" })
    .filter((f) => path.basename(f) === "route.ts")
    .map((f) => ({ file: f, path: `/api/v1/${path.dirname(f).split(path.sep).join("/")}`.replace(/\[([^\]]+)\]/g, "{$1}") }));
}

type Exported = { contract?: RouteContract };

async function servedOperations() {
  const ops: { key: string; file: string; method: string; path: string; contract?: RouteContract }[] = [];
  for (const { file, path: routePath } of routeFiles()) {
    const mod = (await import(/* @vite-ignore */ path.join(API_ROOT, file))) as Record<string, unknown>;
    for (const method of Object.keys(mod).filter((k) => HTTP_METHODS.includes(k))) {
      ops.push({ key: `${method} ${routePath}`, file, method, path: routePath, contract: (mod[method] as Exported).contract });
    }
  }
  return ops;
}

describe("every route declares its contract, and the OpenAPI document is built from them", () => {
  it("gives every exported method of every route file under app/api/v1 a contract whose method and path match the file", async () => {
    const ops = await servedOperations();
    expect(ops.length).toBeGreaterThan(35);
    const wrong = ops.filter((o) => !o.contract || o.contract.method !== o.method || o.contract.path !== o.path).map((o) => `${o.key} (${o.file}): ${o.contract ? `${o.contract.method} ${o.contract.path}` : "no contract"}`);
    expect(wrong).toEqual([]);
    // The contract a handler carries is the registry's own object, so the document describes what the handler enforces.
    const registered = new Set(API_CONTRACTS);
    expect(ops.filter((o) => o.contract && !registered.has(o.contract)).map((o) => o.key)).toEqual([]);
  });

  it("serves every contract of the registry from a route file, and names no path in the document without one", async () => {
    const served = new Set((await servedOperations()).map((o) => o.key));
    expect(API_CONTRACTS.map((c) => `${c.method} ${c.path}`).filter((k) => !served.has(k))).toEqual([]);
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.filter((k) => !served.has(k))).toEqual([]);
    expect(new Set(documented)).toEqual(served);
  });

  it("documents each contract's access, body, query, headers and errors", () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { security?: unknown[]; parameters: { name: string; in: string }[]; requestBody?: { required: boolean; content: Record<string, { schema: { properties?: Record<string, unknown> } }> }; responses: Record<string, unknown> }>> };
    const create = doc.paths["/api/v1/tenants"].post;
    expect(create.requestBody?.content["application/json"].schema.properties).toHaveProperty("tenant");
    expect(create.parameters.map((p) => p.name)).toEqual(["Idempotency-Key", "Prefer"]);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "202", "400", "403", "500"]));
    expect(doc.paths["/api/v1/tenants/{id}/users"].get.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(["path:id", "query:search"]));
    expect(doc.paths["/api/v1/tenants/{id}/branding/logo"].post.requestBody?.content).toHaveProperty("image/png");
    expect(doc.paths["/api/v1/tenants/{id}/branding/assets/{asset_id}"].get.security).toEqual([]);
    expect(doc.paths["/api/v1/tenants/{id}/api-keys"].post.requestBody?.content["application/json"].schema.properties).toHaveProperty("permissions");
  });

  it("refuses a contract whose path uses an undescribed parameter, or one operation declared twice", () => {
    const probe = defineRoute({ method: "GET", path: "/api/v1/things/{thing_id}", tag: "T", summary: "s", access: { platform: "tenants:read" }, rateLimit: "tenant_queries", responses: {}, errors: [] });
    expect(() => buildOpenApiDocument([probe])).toThrow(/thing_id/);
    const twice = defineRoute({ ...probe, path: "/api/v1/things" });
    expect(() => buildOpenApiDocument([twice, twice])).toThrow(/declared twice/);
  });
});

describe("apiRoute authorises with the contract's access before it parses with the contract's body schema", () => {
  const probe = defineRoute({
    method: "POST",
    path: "/api/v1/tenants/{id}/users",
    tag: "Test",
    summary: "A probe",
    access: { tenant: "members:invite" },
    rateLimit: "tenant_queries",
    body: z.strictObject({ email: z.email("Enter an email address") }),
    responses: { 200: { description: "ok" } },
    errors: [400, 401, 403],
  });
  const seen: unknown[] = [];
  const handler = apiRoute(probe, async ({ input }) => {
    seen.push(input);
    return success({ email: input.email });
  });
  let tenant: { id: string; slug: string };
  let reader: string;
  let inviter: string;
  const tenantKey = (permissions: string[]) => createTenantApiKey(platformActor(systemCaller("test")), tenant.id, { name: uniq("key-"), permissions }).then((r) => r.key);
  const call = (key: string, body: unknown) => callRoute(handler, { method: "POST", key, body, params: { id: tenant.id }, headers: { host: `${tenant.slug}.localhost:3000` } });

  beforeAll(async () => {
    tenant = await makeTenant();
    [reader, inviter] = await Promise.all([tenantKey(["members:read"]), tenantKey(["members:read", "members:invite"])]);
  });

  it("answers 403 to a caller without the contract's permission, whatever the body, and never runs the handler", async () => {
    for (const body of [{}, { email: "nope" }, { email: "a@b.test" }]) {
      const r = await call(reader, body);
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe("admin_privileges_required");
      expect(JSON.stringify(r.json)).not.toContain("email");
    }
    expect(seen).toEqual([]);
  });

  it("parses the body with the contract's schema for a caller who holds it, naming the field", async () => {
    const bad = await call(inviter, { email: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details).toEqual([expect.objectContaining({ path: "email", message: "Enter an email address" })]);
    expect(seen).toEqual([]);
    const good = await call(inviter, { email: "a@b.test" });
    expect(good.status).toBe(200);
    expect(seen).toEqual([{ email: "a@b.test" }]);
  });

  it("uses a platform contract's permission too", async () => {
    const platformProbe = defineRoute({ ...probe, path: "/api/v1/tenants", access: { platform: "tenants:create" }, bodyErrorCode: "invalid_tenant_config" });
    const h = apiRoute(platformProbe, async () => success({}));
    const denied = await callRoute(h, { method: "POST", key: await makeApiKey(["tenants:read"]), body: {} });
    expect(denied.status).toBe(403);
    const allowed = await callRoute(h, { method: "POST", key: await makeApiKey(["tenants:create"]), body: {} });
    expect(allowed.status).toBe(400);
    expect(allowed.json.error.code).toBe("invalid_tenant_config");
  });
});
