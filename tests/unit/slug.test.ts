import { describe, expect, it } from "vitest";
import { createTenantSchema, schemaNameSchema, slugSchema } from "@/lib/schemas/tenant";
import { RESERVED_SLUGS, schemaNameFromSlug, slugify } from "@/lib/tenants/slug";

describe("slugify", () => {
  it.each([
    ["Acme Corporation, Inc.", "acme-corporation-inc"],
    ["  Hello   World  ", "hello-world"],
    ["Café Müller & Söhne", "cafe-muller-sohne"],
    ["ACME_2025 -- Labs!", "acme-2025-labs"],
    ["---", ""],
    ["日本語", ""],
  ])("%j → %j", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("caps slugs at 63 characters and never ends them with a hyphen", () => {
    const s = slugify(`${"a".repeat(62)} b${"c".repeat(10)}`);
    expect(s.length).toBeLessThanOrEqual(63);
    expect(s.endsWith("-")).toBe(false);
    expect(slugSchema.safeParse(s).success).toBe(true);
    expect(slugify("word ".repeat(40)).length).toBeLessThanOrEqual(63);
  });

  it("produces slugs the slug schema accepts (unless reserved or empty)", () => {
    for (const name of ["Acme", "Big Co 2", "x-y-z", "Ünïcödé Ltd"]) {
      expect(slugSchema.safeParse(slugify(name)).success, name).toBe(true);
    }
  });
});

describe("slug rules", () => {
  it.each(["www", "admin", "api", "app", "static", "mail"])("refuses the reserved subdomain %s", (slug) => {
    expect(RESERVED_SLUGS.has(slug)).toBe(true);
    const r = slugSchema.safeParse(slug);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(/reserved/i);
  });

  it("normalises case and whitespace before checking reservation", () => {
    expect(slugSchema.safeParse("  WWW ").success).toBe(false);
    expect(slugSchema.parse("  Acme-Corp ")).toBe("acme-corp");
  });

  it.each(["-acme", "acme-", "ac_me", "ac.me", "a".repeat(64), "", "acmé"])("refuses the malformed slug %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });

  it.each(["a", "acme", "acme-corp-2", "9lives", "a".repeat(63)])("accepts %j", (slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(true);
  });
});

describe("schema name rules", () => {
  it("derives a prefixed identifier from the slug", () => {
    expect(schemaNameFromSlug("acme-corp")).toBe("t_acme_corp");
    expect(schemaNameFromSlug("a".repeat(63))).toHaveLength(63);
    expect(schemaNameSchema.safeParse(schemaNameFromSlug("acme-corp-2")).success).toBe(true);
  });

  it.each(["acme_corp", "ab", "t_123", "a".repeat(63)])("accepts %j", (name) => {
    expect(schemaNameSchema.safeParse(name).success).toBe(true);
  });

  it.each([
    ["1acme", "starts with a digit"],
    ["_acme", "starts with an underscore"],
    ["Acme", "upper case"],
    ["acme-corp", "hyphen"],
    ["a", "too short"],
    ["a".repeat(64), "too long"],
    ["acme corp", "space"],
    ['acme"; drop', "quote"],
    ["public", "reserved"],
    ["information_schema", "reserved"],
    ["pg_catalog", "pg_ prefix"],
    ["pg_acme", "pg_ prefix"],
  ])("refuses %j (%s)", (name) => {
    expect(schemaNameSchema.safeParse(name).success).toBe(false);
  });

  it("is applied to tenant.schema_name in the create body", () => {
    const r = createTenantSchema.safeParse({ tenant: { name: "Acme", schema_name: "pg_toast", admin_user: { email: "a@b.co", name: "A" } } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(["tenant", "schema_name"]);
  });
});
