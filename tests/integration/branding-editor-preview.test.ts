import { describe, expect, it } from "vitest";
import { renderBrandingPreview, SAMPLE_INVITATION } from "@/lib/branding/render-branding-preview";
import { updateBranding } from "@/lib/branding/update-branding";
import { uploadBrandingAsset } from "@/lib/branding/upload-branding-asset";
import { unscopeCustomCss } from "@/lib/branding/portal-preview-document";
import { getBranding } from "@/lib/branding/get-branding";
import { platformActor } from "@/lib/tenant-access/tenant-actor";
import { tenantRow } from "../support/db";
import { makeTenant, staffCaller } from "../support/fixtures";
import { addMember, codeOf, memberActor } from "../support/tenant-members";
import { pngBytes } from "../support/branding-images";

// The branding editor's server side: the preview it shows next to the form, and
// the round trip of stored CSS through the form (shown unscoped, saved once scoped).

describe("branding editor preview", () => {
  it("renders the sanitised draft and the real invitation email with it, writing nothing", async () => {
    const t = await makeTenant({ name: "Preview Co" });
    const admin = await addMember(t.id, "admin");
    const actor = memberActor(t.id, admin.id);
    const { asset } = await uploadBrandingAsset(actor, t.id, "logo", pngBytes(32, 32, 7));
    const before = await tenantRow(t.id);

    const r = await renderBrandingPreview(actor, t.id, {
      company_name: "Preview <Brand>",
      primary_color: "#FFFF00",
      secondary_color: "#cbd5e1",
      logo_url: asset.url,
      email_footer: "1 Road\nTown",
      custom_css: "@import url(https://evil.example/x.css);\n.card { background: url(https://evil.example/a.png) }\nh1 { letter-spacing: 0.02em }",
    });
    expect(r.branding).toMatchObject({ company_name: "Preview <Brand>", primary_color: "#ffff00", custom_css: ".portal-root h1{letter-spacing:0.02em}", logo_url: asset.url });
    expect(r.warnings.map((w) => w.field)).toEqual(["secondary_color"]);
    // The email's button carries near-black text on yellow, not white.
    expect(r.email.html).toContain("background:#ffff00;color:#020617");
    expect(r.css_removed.map((x) => x.what).join(" ")).toMatch(/@import.*url\(https:\/\/evil\.example\/a\.png\)/s);
    expect(r.email.subject).toBe("You're invited to join Preview <Brand>");
    expect(r.email.html).toContain("Join Preview &lt;Brand&gt;");
    expect(r.email.html).toContain(`<strong>${SAMPLE_INVITATION.inviterLabel}</strong>`);
    expect(r.email.html).toContain("background:#ffff00");
    expect(r.email.html).toMatch(new RegExp(`<img src="http://${t.slug}\\.[^"]+${asset.url}"`));
    expect(r.email.html).toContain("1 Road<br>Town");
    expect(r.email.html).not.toContain("evil.example");

    const after = await tenantRow(t.id);
    expect(after!.version).toBe(before!.version);
    expect(after!.branding).toEqual(before!.branding);
  });

  it("shows the stored branding to anyone who may read it; a draft needs branding:update", async () => {
    const t = await makeTenant({ name: "Read Co" });
    await updateBranding(platformActor(staffCaller("admin")), t.id, { primary_color: "#123456", custom_css: "a { color: #fff }" });
    const viewer = await addMember(t.id, "viewer");
    const auditor = platformActor(staffCaller("auditor"));
    for (const actor of [memberActor(t.id, viewer.id), auditor]) {
      const r = await renderBrandingPreview(actor, t.id, {});
      expect(r.branding).toMatchObject({ company_name: "Read Co", primary_color: "#123456", custom_css: ".portal-root a{color:#fff}" });
      expect(r.css_removed).toEqual([]);
      expect(r.email.html).toContain("Join Read Co");
      expect(await codeOf(renderBrandingPreview(actor, t.id, { primary_color: "#000000" }))).toBe("admin_privileges_required");
    }
    const outsider = await addMember((await makeTenant()).id, "admin");
    expect(await codeOf(renderBrandingPreview(memberActor(t.id, outsider.id), t.id, {}))).not.toBe("ok");
  });

  it("refuses hostile drafts with the field named, like a save would", async () => {
    const t = await makeTenant();
    const actor = platformActor(staffCaller("operator"));
    for (const [input, field] of [
      [{ custom_css: "a{color:red}</style><script>alert(1)</script>" }, "custom_css"],
      [{ primary_color: "red;}body{display:none" }, "primary_color"],
      [{ logo_url: "https://evil.example/logo.png" }, "logo_url"],
    ] as const) {
      const err = await renderBrandingPreview(actor, t.id, input).catch((e: { code: string; details: { path: string }[] }) => e);
      expect(err).toMatchObject({ code: "invalid_request" });
      expect((err as { details: { path: string }[] }).details.map((d) => d.path)).toContain(field);
    }
  });

  it("stored CSS shown in the form and saved again unchanged stays scoped once", async () => {
    const t = await makeTenant();
    const actor = platformActor(staffCaller("admin"));
    const first = await updateBranding(actor, t.id, { custom_css: "h1, .card a { letter-spacing: 0.02em }\n.btn:hover { color: #fff }" });
    const shown = unscopeCustomCss(first.branding.custom_css);
    const again = await updateBranding(actor, t.id, { custom_css: shown }, { ifMatch: (await getBranding(actor, t.id)).etag });
    expect(again.changed).toBe(false);
    expect(again.branding.custom_css).toBe(first.branding.custom_css);
  });
});
