import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { pngBytes } from "../tests/support/branding-images";
import { portalUrl, signIn, signInToPortal, STAFF_PASSWORD } from "./support/auth";
import { DESKTOP, PHONE } from "./support/layout";

// Invoices (issue 14 §3): set up by API (a tenant with a logo, upgraded mid-month so its invoice
// carries proration, and this month's invoice generated now), then what people do by hand: the
// owner downloads the PDF from the portal's Billing page (read back as text, and as a PNG with
// pdftoppm for a person to look at), and staff mark it paid in the console's Billing tab.
// SHOTS_DIR=/tmp/… saves screenshots and the PDF's PNG there.

test.use({ viewport: DESKTOP });

const slug = `inv-${randomBytes(3).toString("hex")}`;
const owner = `owner@${slug}.example`;
const shots = process.env.SHOTS_DIR ?? path.join(tmpdir(), `${slug}-shots`);

async function api<T>(page: Page, method: "GET" | "POST" | "PUT", p: string, body?: unknown, contentType = "application/json"): Promise<T> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.fetch(`${origin}${p}`, { method, headers: { Origin: origin, "Content-Type": contentType }, data: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body) });
  expect(res.ok(), `${method} ${p}: ${res.status()} ${await res.text()}`).toBe(true);
  return ((await res.json()) as { data: T }).data;
}

async function shoot(page: Page, name: string) {
  if (!process.env.SHOTS_DIR) return;
  for (const [label, size] of [
    ["1440", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${shots}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function expectAccessible(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, name).toEqual([]);
}

test("the owner downloads the invoice PDF from the portal's Billing page; staff mark it paid in the console", async ({ page }) => {
  mkdirSync(shots, { recursive: true });
  await signIn(page);
  const { tenant } = await api<{ tenant: { id: string } }>(page, "POST", "/api/v1/tenants", {
    tenant: { name: `Invoice Co ${slug}`, slug, plan: "professional", admin_user: { email: owner, name: "Invoice Owner", password: STAFF_PASSWORD } },
  });
  const logo = await api<{ asset: { url: string } }>(page, "POST", `/api/v1/tenants/${tenant.id}/branding/logo`, pngBytes(96, 96, 180), "image/png");
  await api(page, "PUT", `/api/v1/tenants/${tenant.id}/branding`, { logo_url: logo.asset.url, primary_color: "#0f766e", company_name: "Invoice Co" });
  await api(page, "POST", `/api/v1/tenants/${tenant.id}/subscription/upgrade`, { plan: "enterprise" });
  const month = new Date().toISOString().slice(0, 7);
  const { invoice } = await api<{ invoice: { id: string; number: string; total_cents: number; line_items: { kind: string }[] } }>(page, "POST", `/api/v1/tenants/${tenant.id}/invoices/generate`, { period: month });
  expect(invoice.line_items.map((l) => l.kind)).toContain("proration");

  // The owner, on the tenant's own host.
  await signInToPortal(page, slug, owner);
  await page.goto(portalUrl(slug, "/billing"));
  const row = page.getByRole("row").filter({ hasText: invoice.number });
  await expect(row.getByText("Open")).toBeVisible();
  await expectAccessible(page, "portal billing with invoices");
  await shoot(page, "portal-billing");
  const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: `Download PDF of invoice ${invoice.number}` }).click()]);
  expect(download.suggestedFilename()).toBe(`${invoice.number}.pdf`);
  const pdfPath = path.join(shots, `${invoice.number}.pdf`);
  await download.saveAs(pdfPath);
  const text = execFileSync("pdftotext", ["-layout", pdfPath, "-"], { encoding: "utf8" });
  for (const s of [invoice.number, "Invoice Co", "Enterprise", "ISSUED", "Total (USD)"]) expect(text).toContain(s);
  // A picture of page 1 for a person to look at (SHOTS_DIR/<number>-1.png).
  execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", pdfPath, path.join(shots, invoice.number)]);

  // Staff, back on the console: the tab lists it; Mark paid asks first, then it is Paid.
  await page.goto(`/tenants/${tenant.id}?tab=billing`);
  const consoleRow = page.getByRole("row").filter({ hasText: invoice.number });
  await consoleRow.getByRole("button", { name: `Mark invoice ${invoice.number} paid` }).click();
  const dialog = page.getByRole("dialog", { name: "Mark invoice paid?" });
  await expect(dialog).toContainText(invoice.number);
  await dialog.getByRole("button", { name: "Mark paid" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(consoleRow.getByText("Paid", { exact: true })).toBeVisible();
  await expect(consoleRow.getByRole("button", { name: `Void invoice ${invoice.number}` })).toHaveCount(0);
  await expectAccessible(page, "console billing tab with invoices");
  await shoot(page, "console-billing");
});
