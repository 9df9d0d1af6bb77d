import { afterEach, describe, expect, it } from "vitest";
import { escapeHtml } from "@/lib/mail/escape-html";
import { invitationEmail } from "@/lib/mail/invitation-email";
import { tenantBaseUrl } from "@/lib/tenancy/tenant-base-url";

const base = {
  tenant: { name: "Acme", slug: "acme", branding: {} as unknown },
  inviterLabel: "Pat Owner",
  roleName: "Member",
  expiresAt: new Date("2026-11-30T12:00:00Z"),
  token: "tok_abc-123",
};

describe("invitation email", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("escapes every tenant- and user-supplied value in the HTML", () => {
    const hostile = `<script>alert("x")</script>`;
    const m = invitationEmail({
      ...base,
      tenant: { ...base.tenant, branding: { company_name: hostile, email_header: `<img src=x onerror=alert(1)>`, email_footer: `"quoted" & <b>bold</b>\nline two` } },
      inviterLabel: `<i>Mallory</i>`,
      roleName: `Role "><svg onload=alert(1)>`,
    });
    expect(m.html).not.toMatch(/<script|<img|<svg|<i>|<b>/i);
    expect(m.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(m.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(m.html).toContain("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;<br>line two");
    expect(m.html).toContain("Role &quot;&gt;&lt;svg onload=alert(1)&gt;");
    // Subject and text are not HTML: they carry the plain values.
    expect(m.subject).toBe(`You're invited to join ${hostile}`);
    expect(m.text).toContain(`<i>Mallory</i> invited you to join ${hostile} as Role "><svg onload=alert(1)>.`);
  });

  it("takes only a plain hex primary colour into a style attribute", () => {
    expect(invitationEmail({ ...base, tenant: { ...base.tenant, branding: { primary_color: "#0EA5E9" } } }).html).toContain("background:#0EA5E9");
    const evil = invitationEmail({ ...base, tenant: { ...base.tenant, branding: { primary_color: "red;background:url(https://evil.test/x)" } } }).html;
    expect(evil).not.toContain("evil.test");
    expect(evil).toContain("background:#4f46e5");
  });

  it("links to the tenant's stored host, with the expiry, role and inviter; falls back to the tenant name", () => {
    process.env.APP_ROOT_DOMAIN = "example.test";
    process.env.APP_PUBLIC_SCHEME = "https";
    const m = invitationEmail(base);
    expect(m.link).toBe("https://acme.example.test/invite/tok_abc-123");
    expect(m.subject).toBe("You're invited to join Acme");
    expect(m.text).toContain("Pat Owner invited you to join Acme as Member.");
    expect(m.text).toContain("November 30, 2026");
    expect(m.html).toContain(`href="https://acme.example.test/invite/tok_abc-123"`);
    expect(invitationEmail({ ...base, tenant: { ...base.tenant, primaryDomain: "portal.acme.com" } }).link).toBe("https://portal.acme.com/invite/tok_abc-123");
  });

  it("keeps the subject on one line", () => {
    expect(invitationEmail({ ...base, tenant: { ...base.tenant, branding: { company_name: "A\r\nBcc: x@evil.test" } } }).subject).toBe("You're invited to join A Bcc: x@evil.test");
  });
});

describe("tenantBaseUrl / escapeHtml", () => {
  it("builds the origin from the slug or a given primary domain", () => {
    process.env.APP_ROOT_DOMAIN = "localhost:3000";
    delete process.env.APP_PUBLIC_SCHEME;
    expect(tenantBaseUrl({ slug: "globex" })).toBe("http://globex.localhost:3000");
    expect(tenantBaseUrl({ slug: "globex", primaryDomain: null })).toBe("http://globex.localhost:3000");
    expect(tenantBaseUrl({ slug: "globex", primaryDomain: "app.globex.com" })).toBe("http://app.globex.com");
  });

  it("escapes the five HTML-significant characters", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});
