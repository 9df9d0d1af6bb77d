import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, fromZod, parseOrThrow, zodDetails } from "@/lib/http/errors";
import { createTenantSchema, listTenantsQuerySchema, updateTenantSchema } from "@/lib/schemas/tenant";

const base = { name: "Acme", admin_user: { email: "a@acme.test", name: "A" } };

function detailsOf(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return zodDetails(r.error!);
}

describe("zod error → details", () => {
  it("names each unknown field by its full path", () => {
    const d = detailsOf(createTenantSchema, { foo: 1, tenant: { ...base, bar: 2, settings: { features: { bogus: true, api_access: true } } } });
    expect(d.map((x) => x.path).sort()).toEqual(["foo", "tenant.bar", "tenant.settings.features.bogus"]);
    expect(d.every((x) => x.message === "Unknown field")).toBe(true);
  });

  it("names wrongly typed fields", () => {
    const d = detailsOf(createTenantSchema, { tenant: { ...base, name: 42, limits: { users: "many", storage_gb: 1.5 }, plan: "gold" } });
    expect(d.map((x) => x.path).sort()).toEqual(["tenant.limits.storage_gb", "tenant.limits.users", "tenant.name", "tenant.plan"]);
  });

  it("names missing required fields and array indexes", () => {
    expect(detailsOf(createTenantSchema, { tenant: { name: "Acme" } }).map((x) => x.path)).toEqual(["tenant.admin_user"]);
    expect(zodDetails(z.object({ a: z.array(z.number()) }).safeParse({ a: [1, "x"] }).error!).map((x) => x.path)).toEqual(["a.1"]);
  });

  it("uses (body) for an error at the root", () => {
    expect(detailsOf(createTenantSchema, "just a string")).toEqual([{ path: "(body)", message: expect.any(String) }]);
    expect(detailsOf(updateTenantSchema, {})).toEqual([{ path: "(body)", message: "Send at least one field to change" }]);
  });

  it("prefixes paths when asked", () => {
    const r = z.strictObject({ a: z.string() }).safeParse({ a: 1, b: 2 });
    expect(zodDetails(r.error!, ["query"]).map((x) => x.path).sort()).toEqual(["query.a", "query.b"]);
  });

  it("fromZod builds an AppError with the code, the status and a summary naming the first field", () => {
    const r = createTenantSchema.safeParse({ tenant: { ...base, slug: "www", plan: "gold" } });
    const err = fromZod(r.error!, "invalid_tenant_config");
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("invalid_tenant_config");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^tenant\.(slug|plan): .+ \(and 1 more\)$/);
    expect((err.details as { path: string }[]).map((d) => d.path).sort()).toEqual(["tenant.plan", "tenant.slug"]);
  });

  it("parseOrThrow returns parsed data with defaults, or throws invalid_request by default", () => {
    expect(parseOrThrow(listTenantsQuerySchema, { page: "2" })).toMatchObject({ page: 2, page_size: 50, sort: "created_at", order: "desc" });
    try {
      parseOrThrow(listTenantsQuerySchema, { page_size: "500", colour: "red" });
      expect.unreachable();
    } catch (e) {
      const err = e as AppError;
      expect(err.code).toBe("invalid_request");
      expect((err.details as { path: string }[]).map((d) => d.path).sort()).toEqual(["colour", "page_size"]);
    }
  });
});
