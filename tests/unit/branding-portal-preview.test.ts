import { describe, expect, it } from "vitest";
import { PORTAL_ROOT_CLASS as SANITIZER_ROOT, sanitizeCss } from "@/lib/branding/sanitize-css";
import { PORTAL_ROOT_CLASS, portalPreviewDocument, styleElementText, unscopeCustomCss } from "@/lib/branding/portal-preview-document";
import { colourErrors, draftChanges, draftFromBranding } from "@/components/branding/branding-draft";

const asset = "/api/v1/tenants/t_1/branding/assets/logo_0123456789abcdef0123456789abcdef";
const view = { company_name: "Acme", primary_color: "#0b5fff", secondary_color: null, logo_url: null, favicon_url: null, email_header: null, email_footer: null, custom_css: null, support_email: null, support_url: null };

describe("portal preview document", () => {
  it("uses the sanitizer's root class", () => {
    expect(PORTAL_ROOT_CLASS).toBe(SANITIZER_ROOT);
  });

  it("escapes the company name, allowlists colours and the logo URL, and neutralises '<' in CSS", () => {
    const doc = portalPreviewDocument({ company_name: `<script>alert(1)</script>"`, primary_color: "red;}body{display:none", secondary_color: "#123", logo_url: "https://evil.example/x.png", custom_css: ".portal-root a{color:red}</style><script>x()</script>" });
    expect(doc).not.toMatch(/<script/i);
    expect(doc).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;");
    expect(doc).toContain("--portal-primary:#4f46e5");
    expect(doc).toContain("--portal-secondary:#112233");
    expect(doc).not.toContain("evil.example");
    expect(doc).not.toContain("display:none");
    expect(doc.match(/<\/style>/g)).toHaveLength(2);
    expect(styleElementText("a{}</style>")).toBe("a{}\\3c /style>");
  });

  it("shows an uploaded logo instead of the letter tile, inside the portal root", () => {
    const doc = portalPreviewDocument({ ...view, logo_url: asset, custom_css: ".portal-root h1{letter-spacing:0.02em}" });
    expect(doc).toContain(`<img class="portal-logo" src="${asset}" alt="Acme">`);
    expect(doc).not.toContain(`<span class="portal-tile"`);
    expect(doc).toContain('<div class="portal-root">');
    expect(doc).toContain(".portal-root h1{letter-spacing:0.02em}");
  });
});

describe("stored CSS in the editor", () => {
  it("takes the sanitizer's scope off again, so saving the text scopes it once", () => {
    const written = "h1, .card a { letter-spacing: 0.02em }\n.portal-root .x { color: #fff }\n.btn:hover { color: red }";
    const stored = sanitizeCss(written).css;
    expect(stored).toBe(".portal-root h1,.portal-root .card a{letter-spacing:0.02em}\n.portal-root .portal-root .x{color:#fff}\n.portal-root .btn:hover{color:red}");
    const shown = unscopeCustomCss(stored);
    expect(shown).toBe("h1,.card a{letter-spacing:0.02em}\n.portal-root .x{color:#fff}\n.btn:hover{color:red}");
    expect(sanitizeCss(shown).css).toBe(stored);
    expect(unscopeCustomCss(null)).toBe("");
  });
});

describe("editor draft", () => {
  it("sends only changed fields, empty as null, and leaves untouched CSS out", () => {
    const base = draftFromBranding({ ...view, custom_css: ".portal-root h1{color:red}" });
    expect(base.custom_css).toBe("h1{color:red}");
    expect(draftChanges(base, base)).toEqual({});
    expect(draftChanges({ ...base, primary_color: "#0B5FFF" }, base)).toEqual({});
    expect(draftChanges({ ...base, primary_color: " #111111 ", company_name: "", email_footer: "Road 1\n" }, base)).toEqual({ primary_color: "#111111", company_name: null, email_footer: "Road 1\n" });
    expect(colourErrors({ ...base, primary_color: "#12", secondary_color: "" })).toEqual({ primary_color: expect.stringMatching(/hex colour/) });
  });
});
