import { expect, test, type Page } from "@playwright/test";
import { signIn, signInToPortal, portalUrl } from "./support/auth";

const SHOTS = "/tmp/api-shots";
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
];

/** Opens Create API key and checks what a new key starts with: nothing ticked, presets, a 90-day expiry. */
async function checkCreateDialog(page: Page, where: string, readOnly: RegExp[], notReadOnly: RegExp) {
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await expect(dialog).toBeVisible();
  const boxes = dialog.getByRole("checkbox");
  expect(await boxes.count()).toBeGreaterThan(1);
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();
  await expect(dialog.getByLabel("Expires")).toHaveValue("90");
  await page.screenshot({ path: `${SHOTS}/${where}-create-key-${page.viewportSize()!.width}.png` });

  await dialog.getByRole("button", { name: "Read-only" }).click();
  for (const p of readOnly) await expect(dialog.getByRole("checkbox", { name: p })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: notReadOnly })).not.toBeChecked();
  await dialog.getByRole("button", { name: "Full access" }).click();
  for (const box of await boxes.all()) await expect(box).toBeChecked();
  await dialog.getByRole("button", { name: "None" }).click();
  for (const box of await boxes.all()) await expect(box).not.toBeChecked();

  // Nothing chosen: refused, naming the field.
  await dialog.getByLabel("Name", { exact: true }).fill(`e2e expiry ${where} ${Date.now()}`);
  await dialog.getByRole("button", { name: "Create key" }).click();
  await expect(dialog.getByText("Choose at least one permission")).toBeVisible();

  await dialog.getByRole("button", { name: "Read-only" }).click();
  await dialog.getByLabel("Expires").selectOption("30");
  await dialog.getByRole("button", { name: "Create key" }).click();
  await page.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();
}

for (const vp of VIEWPORTS) {
  test.describe(`at ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test("console: Create API key starts with no permission ticked, offers presets and an expiry shown in the list", async ({ page }) => {
      await signIn(page);
      await page.goto("/api-keys");
      await checkCreateDialog(page, "console", [/^tenants:read\b/, /^audit:read\b/], /^api_keys:manage\b/);
      const in30 = new Date(Date.now() + 30 * 86_400_000);
      // Phones get cards (labelled fields) instead of the table and its column headers.
      if (vp.width >= 768) await expect(page.getByRole("columnheader", { name: "Expires" })).toBeVisible();
      // The table from md up, cards below: whichever this viewport shows.
      const row = page.locator('[data-testid="api-key-row"]:visible, [data-testid="api-key-row-card"]:visible').filter({ hasText: "e2e expiry console" }).first();
      await expect(row).toContainText(String(in30.getFullYear()));
      await page.screenshot({ path: `${SHOTS}/console-keys-${vp.width}.png`, fullPage: true });
    });

    test("portal: Create API key starts with no permission ticked, offers presets and an expiry", async ({ page }) => {
      await signInToPortal(page, "acme", "jane@acme.example");
      await page.goto(portalUrl("acme", "/api-keys"));
      await checkCreateDialog(page, "portal", [/members:read/, /roles:read/], /members:invite/);
      await expect(page.locator('[data-testid="api-key-row"]:visible, [data-testid="api-key-row-card"]:visible').filter({ hasText: "e2e expiry portal" }).first()).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/portal-keys-${vp.width}.png`, fullPage: true });
    });
  });
}
