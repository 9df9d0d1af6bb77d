import { expect, test, type Page } from "@playwright/test";
import { portalUrl, signInToPortal } from "./support/auth";
import { EXE_BYTES, SVG_WITH_SCRIPT, pngBytes } from "../tests/support/branding-images";

// Issue 4 §1 end to end: a tenant admin edits the branding in the portal with a
// live preview (hostile CSS visibly removed), saves, sees the portal restyled,
// and reverts; hostile uploads are refused and change nothing.

const NEW_PRIMARY = "#0f766e";
// Neither white nor near-black text reaches 4.5:1 on it.
const MID_TONE = "#0077dd";
const CSS = ["@import url(https://evil.example/x.css);", ".card { background: url(https://evil.example/a.png) }", "h1 { letter-spacing: 0.02em }"].join("\n");

const rgb = (hex: string) => {
  const h = hex.length === 4 ? `#${[...hex.slice(1)].map((c) => c + c).join("")}` : hex;
  return `rgb(${parseInt(h.slice(1, 3), 16)}, ${parseInt(h.slice(3, 5), 16)}, ${parseInt(h.slice(5, 7), 16)})`;
};

const nav = (page: Page) => page.getByRole("navigation", { name: "Portal" });
const primary = (page: Page) => page.getByLabel("Primary colour", { exact: true });
const saveButton = (page: Page) => page.getByRole("button", { name: "Save", exact: true });

async function openEditor(page: Page) {
  await page.goto(portalUrl("acme", "/"));
  await nav(page).getByRole("link", { name: "Branding" }).click();
  await expect(page.getByRole("heading", { name: "Branding", level: 1 })).toBeVisible();
  await expect(page.getByLabel("Company name", { exact: true })).toBeEditable();
  // The first preview (of what is stored) has arrived.
  await expect(page.getByTestId("email-preview")).toBeVisible();
}

test("a tenant admin uploads a logo, recolours, adds CSS with hostile parts removed in the preview, saves, sees the portal restyled, and reverts", async ({ page }) => {
  test.setTimeout(120_000);
  await signInToPortal(page, "acme", "jane@acme.example");
  await openEditor(page);
  const original = (await primary(page).inputValue()) || "#4f46e5";
  expect(original.toLowerCase()).not.toBe(NEW_PRIMARY);
  await expect(saveButton(page)).toBeDisabled();

  // Logo and favicon: uploaded at once, shown, and put in the draft.
  await page.getByLabel("Logo", { exact: true }).setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: pngBytes(96, 48, 40) });
  await expect(page.getByTestId("branding-logo-image")).toHaveAttribute("src", /\/api\/v1\/tenants\/[^/]+\/branding\/assets\/logo_[0-9a-f]{32}$/);
  const logoSrc = (await page.getByTestId("branding-logo-image").getAttribute("src"))!;
  await page.getByLabel("Favicon", { exact: true }).setInputFiles({ name: "icon.png", mimeType: "image/png", buffer: pngBytes(32, 32, 90) });
  await expect(page.getByTestId("branding-favicon-image")).toHaveAttribute("src", /\/branding\/assets\/favicon_[0-9a-f]{32}$/);

  // A primary no button text reads on is refused live, by field; a readable one is not.
  await primary(page).fill(MID_TONE);
  await expect(primary(page)).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/too mid-toned for button text/)).toBeVisible();
  await primary(page).fill(NEW_PRIMARY);
  await expect(page.getByText(/too mid-toned/)).toHaveCount(0);

  // Custom CSS: the @import and the url() are listed as removed, and never reach the preview.
  await page.getByLabel("Custom CSS", { exact: true }).fill(CSS);
  const removed = page.getByTestId("css-removed");
  await expect(removed).toContainText("@import url(https://evil.example/x.css)");
  await expect(removed).toContainText("url(https://evil.example/a.png)");
  const preview = page.getByTestId("portal-preview");
  await expect.poll(async () => (await preview.getAttribute("srcdoc")) ?? "").toContain(".portal-root h1{letter-spacing:0.02em}");
  const srcdoc = (await preview.getAttribute("srcdoc"))!;
  expect(srcdoc).not.toContain("evil.example");
  expect(srcdoc).not.toContain("@import");
  expect(await preview.getAttribute("sandbox")).toBe("");
  const frame = page.frameLocator('[data-testid="portal-preview"]');
  await expect(frame.locator(".portal-header")).toHaveCSS("border-top-color", rgb(NEW_PRIMARY));
  await expect(frame.locator("h1")).toHaveCSS("letter-spacing", "0.48px");
  await expect(frame.locator("img.portal-logo")).toHaveAttribute("src", logoSrc);

  // The invitation email, rendered by the real template with sample data and the draft's logo and colour.
  const email = page.frameLocator('[data-testid="email-preview"]');
  await expect(email.getByText("Jane Admin")).toBeVisible();
  // The mail's absolute logo URL is shown from this origin (the frame inherits the page's same-origin image policy).
  await expect(email.locator("img").first()).toHaveAttribute("src", logoSrc);
  await expect.poll(() => email.locator("img").first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
  await expect(email.getByRole("link", { name: "Accept invitation" })).toHaveCSS("background-color", rgb(NEW_PRIMARY));
  await page.screenshot({ path: "test-results/branding-editor-preview.png", fullPage: true });

  // Save: a new current version.
  await expect(saveButton(page)).toBeEnabled();
  await saveButton(page).click();
  await expect(page.getByRole("status").filter({ hasText: /Branding saved as version \d+/ })).toBeVisible();
  await expect(saveButton(page)).toBeDisabled();
  await expect(page.getByTestId("branding-version").first()).toHaveAttribute("data-current", "true");
  await expect(primary(page)).toHaveValue(NEW_PRIMARY);
  await expect(page.getByLabel("Custom CSS", { exact: true })).toHaveValue("h1{letter-spacing:0.02em}");

  // The portal itself: colour, logo, favicon and the sanitised CSS.
  await page.goto(portalUrl("acme", "/"));
  await expect(page.getByTestId("portal-header")).toHaveCSS("border-top-color", rgb(NEW_PRIMARY));
  await expect(page.getByTestId("portal-logo")).toHaveAttribute("src", logoSrc);
  // The image really loads from the tenant's host (served with nosniff; the proxy lets it through).
  await expect.poll(() => page.getByTestId("portal-logo").evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBe(96);
  await expect(page.locator('head link[rel="icon"][href*="/branding/assets/favicon_"]')).toHaveCount(1);
  const style = (await page.getByTestId("portal-custom-css").textContent())!;
  expect(style).toContain(".portal-root h1{letter-spacing:0.02em}");
  expect(style).not.toContain("evil.example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveCSS("letter-spacing", "0.6px");
  await page.screenshot({ path: "test-results/branding-portal-restyled.png", fullPage: true });

  // Revert to the version before this save: the old colour is back, the logo gone.
  await openEditor(page);
  const previous = page.getByTestId("branding-version").nth(1);
  const previousVersion = await previous.getAttribute("data-version");
  await previous.getByRole("button", { name: `Revert to version ${previousVersion}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revert to version ${previousVersion}?` });
  await dialog.getByRole("button", { name: "Revert", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Reverted to version ${previousVersion}` })).toBeVisible();
  await expect(primary(page)).toHaveValue(new RegExp(`^(${original}|)$`, "i"));
  await expect(page.getByTestId("branding-version").first()).toHaveAttribute("data-current", "true");

  await page.goto(portalUrl("acme", "/"));
  await expect(page.getByTestId("portal-header")).toHaveCSS("border-top-color", rgb(original.toLowerCase()));
  await expect(page.locator(`[data-testid="portal-logo"][src="${logoSrc}"]`)).toHaveCount(0);
  await page.screenshot({ path: "test-results/branding-portal-reverted.png", fullPage: true });
});

test("hostile uploads and CSS are refused with a clear error and change nothing", async ({ page }) => {
  await signInToPortal(page, "acme", "jane@acme.example");
  await openEditor(page);
  const logo = page.getByLabel("Logo", { exact: true });
  const logoError = page.locator("#branding-logo-error");
  const logoBefore = (await page.getByTestId("branding-logo-image").count()) ? await page.getByTestId("branding-logo-image").getAttribute("src") : null;
  // The history has loaded (it may be empty on a fresh database).
  await expect(page.getByTestId("branding-version").first().or(page.getByText("No saved versions yet"))).toBeVisible();
  const versionsBefore = await page.getByTestId("branding-version").count();

  await logo.setInputFiles({ name: "logo.svg", mimeType: "image/svg+xml", buffer: SVG_WITH_SCRIPT });
  await expect(logoError).toContainText("SVG is not allowed");
  await expect(logoError).toContainText("Upload a PNG, JPEG or WebP image");
  await logo.setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: EXE_BYTES });
  await expect(logoError).toContainText("Upload a PNG, JPEG or WebP image");
  await expect(logoError).toContainText("application/x-msdownload");
  await expect(logoError).not.toContainText("SVG");
  await page.screenshot({ path: "test-results/branding-hostile-upload.png", fullPage: true });
  // Nothing went into the draft.
  if (logoBefore) await expect(page.getByTestId("branding-logo-image")).toHaveAttribute("src", logoBefore);
  else await expect(page.getByTestId("branding-logo-image")).toHaveCount(0);
  await expect(saveButton(page)).toBeDisabled();

  // Markup in CSS is refused outright (not silently cleaned), in the preview and on save.
  await page.getByLabel("Custom CSS", { exact: true }).fill("a { color: red }</style><script>alert(1)</script>");
  await expect(page.locator("#branding-custom-css-error")).toContainText("may not contain '<'");
  expect((await page.getByTestId("portal-preview").getAttribute("srcdoc")) ?? "").not.toContain("alert(1)");
  await saveButton(page).click();
  await expect(page.locator("#branding-custom-css-error")).toContainText("may not contain '<'");
  await page.reload();
  await expect(page.getByLabel("Company name", { exact: true })).toBeEditable();
  await expect(page.getByTestId("branding-version").first().or(page.getByText("No saved versions yet"))).toBeVisible();
  await expect(page.getByTestId("branding-version")).toHaveCount(versionsBefore);
  await expect(page.getByLabel("Custom CSS", { exact: true })).not.toHaveValue(/script/);
});
