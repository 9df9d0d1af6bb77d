import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { PORT, STAFF_PASSWORD, portalUrl, signIn, signInToPortal } from "./support/auth";

// A tenant's owner upgrades from the portal's Billing page: the dialog shows
// the proration preview (a dry run), Confirm makes the change, and the page
// shows the new plan. Set-up (a fresh Basic tenant) goes through the API.

const SHOTS = process.env.BILLING_SHOTS_DIR;
const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
];

/** Screenshots at both sizes when BILLING_SHOTS_DIR is set (looked at by hand; never committed). */
async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  const before = page.viewportSize();
  for (const s of SIZES) {
    await page.setViewportSize({ width: s.width, height: s.height });
    await page.screenshot({ path: `${SHOTS}/${name}-${s.name}.png`, fullPage: true });
  }
  if (before) await page.setViewportSize(before);
}

test("upgrade from the portal's Billing page, seeing the proration preview first", async ({ page, browser }) => {
  const slug = `billing-${randomBytes(3).toString("hex")}`;
  const ownerEmail = `owner@${slug}.test`;
  await signIn(page);
  const created = await page.request.post(`http://localhost:${PORT}/api/v1/tenants`, {
    headers: { Origin: `http://localhost:${PORT}`, "Content-Type": "application/json" },
    data: JSON.stringify({ tenant: { name: `Billing ${slug.slice(-6)}`, slug, plan: "basic", admin_user: { email: ownerEmail, name: "Bea Owner", password: STAFF_PASSWORD } } }),
  });
  expect(created.status()).toBe(201);
  const tenantId = ((await created.json()) as { data: { tenant: { id: string } } }).data.tenant.id;

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signInToPortal(owner, slug, ownerEmail);
  await owner.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Billing" }).click();
  await expect(owner.getByRole("heading", { name: "Billing", level: 1 })).toBeVisible();
  await expect(owner.getByTestId("current-plan")).toHaveText("Basic");
  await shoot(owner, "1-portal-billing");

  await owner.getByRole("button", { name: "Upgrade to Professional" }).click();
  const dialog = owner.getByRole("dialog", { name: "Upgrade to Professional" });
  const preview = dialog.getByRole("group", { name: "Proration preview" });
  // Credit for the rest of the month at $29, charge at $99: the difference is due, and it is more than nothing.
  await expect(preview.getByText(/^Unused Basic \(\d+ of \d+ days\)$/)).toBeVisible();
  await expect(preview.getByText(/^Professional for the rest of the period/)).toBeVisible();
  await expect(preview.getByTestId("proration-total")).toHaveText(/^\$\d+\.\d\d$/);
  const due = await preview.getByTestId("proration-total").textContent();
  await shoot(owner, "2-upgrade-preview");
  // The preview wrote nothing: the plan is still Basic.
  const still = await owner.request.get(portalUrl(slug, `/api/v1/tenants/${tenantId}/subscription`));
  expect(((await still.json()) as { data: { subscription: { plan: string } } }).data.subscription.plan).toBe("basic");

  await dialog.getByRole("button", { name: "Confirm upgrade" }).click();
  await expect(dialog).toBeHidden();
  await expect(owner.getByRole("status").filter({ hasText: "Now on Professional." })).toBeVisible();
  await expect(owner.getByTestId("current-plan")).toHaveText("Professional");
  // The proration is on the next invoice's estimate.
  await expect(owner.getByText("Prorations and other charges").locator("xpath=following-sibling::dd")).toHaveText(due!);
  await shoot(owner, "3-portal-billing-after");

  if (SHOTS) {
    await page.goto(`/tenants/${tenantId}?tab=billing`);
    await expect(page.getByTestId("current-plan")).toHaveText("Professional");
    await shoot(page, "4-console-billing-tab");
    await page.goto("/plans");
    await expect(page.getByTestId("plan-row").first()).toBeVisible();
    await shoot(page, "5-console-plans");
    await page.getByRole("button", { name: "Edit Professional" }).click();
    await expect(page.getByTestId("plan-editor")).toBeVisible();
    await shoot(page, "6-plan-editor");
  }
  await ownerContext.close();
});
