import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { PORT, STAFF_PASSWORD, portalUrl, signIn, signInToPortal } from "./support/auth";

// Staff ask for support access in the console, the tenant's owner approves it
// in the portal, staff open the portal as support (banner on every page), and
// when the grant expires staff are out. Two browser contexts: staff and owner.

const SHOTS = process.env.IMPERSONATION_SHOTS_DIR;
const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
];

/** Screenshots at both sizes when IMPERSONATION_SHOTS_DIR is set (looked at by hand; never committed). */
async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  const before = page.viewportSize();
  for (const s of SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.screenshot({ path: `${SHOTS}/${name}-${s.name}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

/** Each new screen passes axe (no serious or critical violations), as e2e/a11y.spec.ts asks of every page. */
async function expectAccessible(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious, name).toEqual([]);
}

/** The e2e server's own embedded database, as its superuser: to move a grant's expiry into the past. */
async function e2eDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const port = Number(process.env.E2E_PG_PORT ?? 54349);
  const password = (await readFile(port === 54349 ? ".data/pg-e2e.password" : `.data/pg-e2e-${port}.password`, "utf8")).trim();
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "atrium_e2e" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

test("support access: request → owner approves in the portal → staff open the portal as support → banner → expiry puts staff out", async ({ page, browser }) => {
  test.skip(Boolean(process.env.DATABASE_URL), "moves a grant's expiry in the e2e server's own embedded database");
  // Two browsers, three portal sign-ins and axe on five screens: more than the default minute on a loaded machine.
  test.setTimeout(180_000);
  const slug = `support-${randomBytes(3).toString("hex")}`;
  const ownerEmail = `owner@${slug}.test`;
  await signIn(page);
  const created = await page.request.post(`http://localhost:${PORT}/api/v1/tenants`, {
    headers: { Origin: `http://localhost:${PORT}`, "Content-Type": "application/json" },
    data: JSON.stringify({ tenant: { name: `Support ${slug.slice(-6)}`, slug, plan: "professional", admin_user: { email: ownerEmail, name: "Olive Owner", password: STAFF_PASSWORD } } }),
  });
  expect(created.status()).toBe(201);
  const tenantId = ((await created.json()) as { data: { tenant: { id: string } } }).data.tenant.id;

  // Staff: the Support access tab, the request dialog.
  await page.goto(`/tenants/${tenantId}?tab=support`);
  await expect(page.getByRole("tab", { name: "Support access" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("button", { name: "Request access" }).click();
  const dialog = page.getByRole("dialog", { name: "Request support access" });
  await dialog.getByRole("button", { name: "Send request" }).click();
  await expect(dialog.getByText(/at least 3 characters/)).toBeVisible();
  await dialog.getByLabel("Reason").fill("Ticket 4821: the usage page shows no data");
  await dialog.getByLabel("Duration").selectOption("30");
  await dialog.getByLabel("Read-only").check();
  await shoot(page, "1-request-dialog");
  await expectAccessible(page, "request dialog");
  await dialog.getByRole("button", { name: "Send request" }).click();
  await expect(dialog).toBeHidden();
  const row = page.getByTestId("support-access-row").filter({ hasText: "Ticket 4821" });
  await expect(row).toContainText("Awaiting approval");
  await expect(row.getByRole("button", { name: "Open portal as support" })).toHaveCount(0);

  // Owner, in another browser: the banner on every page, the Support access page, approve.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signInToPortal(owner, slug, ownerEmail);
  const request = owner.getByTestId("support-request-banner");
  await expect(request).toContainText("asks for read-only access for 30 minutes: Ticket 4821");
  await shoot(owner, "2-owner-request-banner");
  await owner.goto(portalUrl(slug, "/support-access"));
  await expect(owner.getByRole("heading", { name: "Support access", level: 1 })).toBeVisible();
  await shoot(owner, "3-owner-support-access-page");
  await expectAccessible(owner, "owner's Support access page with the request banner");
  await owner.getByTestId("support-access-row").filter({ hasText: "Ticket 4821" }).getByRole("button", { name: /^Approve/ }).click();
  await expect(owner.getByTestId("support-access-row").filter({ hasText: "Ticket 4821" })).toContainText("Active until");
  await expect(owner.getByTestId("support-request-banner")).toHaveCount(0);
  await expect(owner.getByTestId("tenant-support-notices")).toContainText("is accessing your organisation until");

  // Staff: open the portal as support; the banner is on every page.
  await page.reload();
  await expectAccessible(page, "console Support access tab");
  await page.keyboard.press("Tab");
  await row.getByRole("button", { name: "Open portal as support" }).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(portalUrl(slug, "/"));
  const banner = page.getByTestId("staff-support-banner");
  await expect(banner).toContainText(`You are acting for Support ${slug.slice(-6)} as support (read-only), ends at`);
  await shoot(page, "4-staff-banner");
  await expectAccessible(page, "portal as support, with the staff banner");
  await expect(page.getByText("Atrium support (read-only)")).toBeVisible();
  await page.goto(portalUrl(slug, "/members"));
  await expect(banner).toBeVisible();
  await expect(page.getByRole("button", { name: "End now" })).toBeVisible();

  // The owner's notice, with Revoke.
  await owner.goto(portalUrl(slug, "/"));
  await expect(owner.getByTestId("tenant-support-notices").getByRole("button", { name: "Revoke" })).toBeVisible();
  await shoot(owner, "5-owner-support-notice");
  await expectAccessible(owner, "owner's notice of support at work");

  // Expiry: the grant's time is up; the next page staff open signs them out.
  await e2eDatabase((db) => db.query("UPDATE impersonation_grants SET expires_at = now() - interval '1 second' WHERE tenant_id = $1 AND status = 'approved'", [tenantId]));
  await page.goto(portalUrl(slug, "/members"));
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByTestId("staff-support-banner")).toHaveCount(0);
  await owner.reload();
  await expect(owner.getByTestId("tenant-support-notices")).toHaveCount(0);
  await ownerContext.close();
});
