import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import path from "node:path";
import { tmpdir } from "node:os";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn, STAFF_PASSWORD } from "./support/auth";
import { DESKTOP, expectNoPageOverflow, PHONE } from "./support/layout";

// Export a tenant from its page (progress, then the signed download link),
// download the archive, and import it from the tenants list under a new slug;
// importing it again under the same slug lists the conflict instead. Axe on
// both dialogs, and both at phone width. SHOTS_DIR=/tmp/… saves screenshots.

test.describe.configure({ mode: "serial", timeout: 180_000 });
test.use({ viewport: DESKTOP });

const slug = `exp-${randomBytes(3).toString("hex")}`;
const copySlug = `${slug}-copy`;
const archivePath = path.join(tmpdir(), `${slug}.tar.gz`);
let tenantId = "";

async function api<T>(page: Page, method: "GET" | "POST", p: string, body?: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.fetch(`${origin}${p}`, { method, headers: { Origin: origin, "Content-Type": "application/json" }, data: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.ok(), `${method} ${p}: ${res.status()} ${await res.text()}`).toBe(true);
  return ((await res.json()) as { data: T }).data;
}

async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const [label, size] of [
    ["1440", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${dir}/${name}-${label}.png` });
  }
  await page.setViewportSize(DESKTOP);
}

async function expectAccessible(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, name).toEqual([]);
}

test("export a tenant from its page and download the archive", async ({ page }) => {
  await signIn(page);
  const { tenant } = await api<{ tenant: { id: string } }>(page, "POST", "/api/v1/tenants", {
    tenant: { name: `Export ${slug}`, slug, plan: "basic", admin_user: { email: `owner@${slug}.example`, name: "Export Owner", password: STAFF_PASSWORD } },
  });
  tenantId = tenant.id;
  await api(page, "POST", `/api/v1/tenants/${tenantId}/roles`, { name: "Exporters", permissions: ["members:read"] });

  await page.goto(`/tenants/${tenantId}`);
  await page.getByRole("button", { name: "Export data" }).click();
  const dialog = page.getByRole("dialog", { name: `Export Export ${slug}` });
  await expect(dialog.getByText("No export of this tenant yet.")).toBeVisible();
  await dialog.getByRole("button", { name: "Start export" }).click();
  await expect(dialog.getByText("Export ready", { exact: true })).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByRole("link", { name: "Download archive" })).toHaveAttribute("href", /\/export\/exp_[0-9a-f]{16}\/download\?expires=\d+&signature=/);
  await expectAccessible(page, "export dialog");
  await shoot(page, "export-dialog");

  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("link", { name: "Download archive" }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${slug}-exp_[0-9a-f]{16}\\.tar\\.gz$`));
  await download.saveAs(archivePath);
  expect(statSync(archivePath).size).toBeGreaterThan(100);

  // Closed and opened again after a reload: the latest export is offered at once (data_export_url).
  await page.reload();
  await page.getByRole("button", { name: "Export data" }).click();
  await expect(page.getByRole("dialog").getByRole("link", { name: "Download archive" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("import the archive under a new slug from the tenants list, then see the conflict when the slug is taken", async ({ page }) => {
  await signIn(page);
  await page.goto("/tenants");
  await page.getByRole("button", { name: "Import tenant" }).click();
  const dialog = page.getByRole("dialog", { name: "Import a tenant" });
  await expectAccessible(page, "import dialog");
  await dialog.getByLabel("Export archive").setInputFiles(archivePath);
  await dialog.getByLabel("Slug").fill(copySlug);
  await dialog.getByLabel(/^Name/).fill(`Imported ${slug}`);
  await shoot(page, "import-dialog");
  // By keyboard: Enter in a field submits the form the footer's button belongs to.
  await dialog.getByLabel(/^Name/).press("Enter");
  await expect(dialog.getByText(`Imported ${slug} was created`)).toBeVisible({ timeout: 60_000 });
  await expect(dialog.getByText(/API keys/)).toBeVisible();
  await shoot(page, "import-done");
  await dialog.getByRole("link", { name: `Open Imported ${slug}` }).click();
  await expect(page.getByTestId("tenant-header")).toContainText(`Imported ${slug}`);
  await expect(page.getByTestId("tenant-header").locator("..").getByRole("link", { name: new RegExp(`^${copySlug}\\.`) })).toBeVisible();

  await page.goto("/tenants");
  await page.getByRole("button", { name: "Import tenant" }).click();
  const again = page.getByRole("dialog", { name: "Import a tenant" });
  await again.getByLabel("Export archive").setInputFiles(archivePath);
  await again.getByLabel("Slug").fill(copySlug);
  await again.getByRole("button", { name: "Import" }).click();
  await expect(again.getByText(/already taken/)).toBeVisible();
  await expect(again.getByLabel("Slug")).toHaveAttribute("aria-invalid", "true");
  await shoot(page, "import-conflict");
  await page.setViewportSize(PHONE);
  await expect(again.getByRole("button", { name: "Import" })).toBeInViewport();
  await expectNoPageOverflow(page);
});
