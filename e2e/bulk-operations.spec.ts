import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { PORT, signIn } from "./support/auth";

// Bulk operations on the tenants list, on three tenants made once through the
// API: first a selection by keyboard alone (changing nothing), then a click
// and a shift-click, and a move to another plan through the dry-run preview,
// the live progress and the results.

const origin = `http://localhost:${PORT}`;

async function expectAccessible(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(serious, name).toEqual([]);
}

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, back = false) {
  for (let i = 0; i < 15; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

test.describe.configure({ mode: "serial" });

/** Three basic-plan tenants whose names share a fresh token, so a search shows exactly them (made once, for both tests). */
async function makeTenants(page: Page): Promise<{ token: string; names: string[] }> {
  const token = `bulk${randomBytes(3).toString("hex")}`;
  const names = ["One", "Two", "Three"].map((n) => `${n} ${token}`);
  for (const [i, name] of names.entries()) {
    const r = await page.request.post(`${origin}/api/v1/tenants`, {
      headers: { Origin: origin, "Content-Type": "application/json" },
      data: JSON.stringify({ tenant: { name, slug: `${token}-${i}`, plan: "basic", admin_user: { email: `owner@${token}-${i}.test`, name: "Owner" } } }),
    });
    expect(r.status(), await r.text()).toBe(201);
  }
  return { token, names };
}

let made: Promise<{ token: string; names: string[] }> | undefined;
const shared = (page: Page) => (made ??= makeTenants(page));

test("selection by keyboard: Space, Shift+Space for a range, the actions menu", async ({ page }) => {
  await signIn(page);
  const { token, names } = await shared(page);
  await page.goto(`/tenants?search=${token}`);
  await expect(page.getByTestId("tenant-row")).toHaveCount(3);

  const first = page.getByRole("checkbox", { name: `Select ${names[2]}` });
  await page.getByRole("searchbox", { name: "Search tenants" }).focus();
  await tabTo(page, first);
  await page.keyboard.press("Space");
  await expect(first).toBeChecked();
  await tabTo(page, page.getByRole("checkbox", { name: `Select ${names[0]}` }));
  await page.keyboard.press("Shift+Space");
  for (const n of names) await expect(page.getByRole("checkbox", { name: `Select ${n}` })).toBeChecked();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("3 selected");

  await tabTo(page, bar.getByRole("button", { name: "Actions" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("menuitem").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("menuitem", { name: "Deactivate (suspend)" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(bar.getByRole("button", { name: "Actions" })).toBeFocused();
  await tabTo(page, bar.getByRole("button", { name: "Clear" }), true);
  await page.keyboard.press("Enter");
  await expect(bar).toBeHidden();
  for (const n of names) await expect(page.getByRole("checkbox", { name: `Select ${n}` })).not.toBeChecked();
});

test("select three tenants → change plan → preview → progress → results", async ({ page }) => {
  await signIn(page);
  const { token, names } = await shared(page);
  await page.goto(`/tenants?search=${token}`);
  await expect(page.getByTestId("tenant-row")).toHaveCount(3);

  // Newest first: Three, Two, One. A click on the first box and a shift-click on the last selects the three.
  await page.getByRole("checkbox", { name: `Select ${names[2]}` }).click();
  await page.getByRole("checkbox", { name: `Select ${names[0]}` }).click({ modifiers: ["Shift"] });
  for (const n of names) await expect(page.getByRole("checkbox", { name: `Select ${n}` })).toBeChecked();
  const bar = page.getByRole("region", { name: "Bulk actions" });
  await expect(bar).toContainText("3 selected");
  await expectAccessible(page, "bulk action bar");

  await bar.getByRole("button", { name: "Actions" }).click();
  await page.getByRole("menuitem", { name: "Change plan" }).click();
  const dialog = page.getByRole("dialog", { name: "Change plan: 3 tenants" });
  await dialog.getByLabel("New plan").selectOption("enterprise");
  await dialog.getByRole("button", { name: "Preview changes" }).click();

  const preview = dialog.getByTestId("bulk-preview");
  await expect(preview.getByTestId("bulk-count-would-change")).toContainText("3");
  await expect(preview.getByTestId("bulk-count-would-fail")).toContainText("0");
  await expect(preview.getByTestId("bulk-item")).toHaveCount(3);
  await expect(preview.getByTestId("bulk-item").first()).toContainText("plan: basic → enterprise");
  await expectAccessible(page, "bulk preview");
  // The preview changed nothing.
  await expect(page.getByTestId("tenant-row").filter({ hasText: "Enterprise" })).toHaveCount(0);

  await dialog.getByRole("button", { name: "Apply to 3 tenants" }).click();
  await expect(dialog.getByRole("progressbar", { name: "Bulk operation progress" })).toBeVisible();
  const results = dialog.getByTestId("bulk-results");
  await expect(results).toBeVisible({ timeout: 30_000 });
  await expect(results.getByTestId("bulk-count-changed")).toContainText("3");
  await expect(results.getByTestId("bulk-count-failed")).toContainText("0");
  await expect(dialog.getByRole("progressbar", { name: "Bulk operation progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(results.getByTestId("bulk-item").filter({ hasText: "Changed" })).toHaveCount(3);
  await expectAccessible(page, "bulk results");
  await dialog.getByRole("button", { name: "Close" }).click();

  // The list shows the new plan, and the selection is gone.
  await expect(page.getByTestId("tenant-row").filter({ hasText: "Enterprise" })).toHaveCount(3);
  await expect(bar).toBeHidden();
});
