import { afterEach, describe, expect, it } from "vitest";
import { invitationEmail } from "@/lib/mail/invitation-email";

const base = { tenant: { name: "Acme", slug: "acme", branding: {} as unknown }, inviterLabel: "Pat", roleName: "Member", expiresAt: new Date("2026-11-30T12:00:00Z"), token: "tok" };
const asset = "/api/v1/tenants/t_1/branding/assets/logo_0123456789abcdef0123456789abcdef";

describe("invitation email logo", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("shows an uploaded logo by its absolute URL on the tenant's own origin", () => {
    process.env.APP_ROOT_DOMAIN = "example.test";
    process.env.APP_PUBLIC_SCHEME = "https";
    const m = invitationEmail({ ...base, tenant: { ...base.tenant, branding: { logo_url: asset, company_name: `A "B"` } } });
    expect(m.html).toContain(`<img src="https://acme.example.test${asset}" alt="A &quot;B&quot;"`);
    const custom = invitationEmail({ ...base, tenant: { ...base.tenant, primaryDomain: "portal.acme.com", branding: { logo_url: asset } } });
    expect(custom.html).toContain(`src="https://portal.acme.com${asset}"`);
  });

  it("ignores anything that is not an uploaded asset's path", () => {
    for (const logo_url of ["https://evil.test/x.png", `${asset}" onerror="alert(1)`, "javascript:alert(1)", 42]) {
      expect(invitationEmail({ ...base, tenant: { ...base.tenant, branding: { logo_url } } }).html).not.toMatch(/<img|evil\.test|onerror/);
    }
  });
});
