import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

// The console's Users page: every account, its memberships across tenants, and platform role changes.

test("a platform admin finds a tenant member, sees their memberships, and grants then removes a platform role", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await page.getByLabel("Search users").fill("marco@acme");
  await expect(page).toHaveURL(/search=marco/);
  await page.getByRole("link", { name: "marco@acme.example" }).click();

  await expect(page.getByRole("heading", { name: "Marco Manager", level: 1 })).toBeVisible();
  const memberships = page.getByRole("table", { name: "Memberships" });
  await expect(memberships.getByRole("row").filter({ hasText: "Acme Corporation" })).toContainText("Manager");
  await page.screenshot({ path: "test-results/console-user-detail.png", fullPage: true });

  await page.getByLabel("Platform role").selectOption({ label: "Auditor (read-only)" });
  await page.getByRole("button", { name: "Change role…" }).click();
  await page.getByRole("dialog", { name: "Change platform role?" }).getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText("marco@acme.example is now: Auditor (read-only)")).toBeVisible();

  await page.getByLabel("Platform role").selectOption({ label: "No platform role (tenant member only)" });
  await page.getByRole("button", { name: "Change role…" }).click();
  await page.getByRole("dialog", { name: "Change platform role?" }).getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText(/marco@acme\.example is now/)).toBeVisible();

  // Nobody changes their own platform role: the admin's own page says so instead of offering it.
  await page.goto("/users?search=admin%40atrium.local");
  await page.getByRole("link", { name: "admin@atrium.local" }).click();
  await expect(page.getByLabel("Platform role")).toHaveCount(0);
  // Searched for: other specs add accounts, so the newest-first first page need not include Marco.
  await page.goto("/users?search=marco%40acme");
  await expect(page.getByRole("link", { name: "marco@acme.example" })).toBeVisible();
  await page.screenshot({ path: "test-results/console-users.png" });
});
