import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

// The Migrations page end to end against the real fleet runner: a dry run
// over every active tenant of the e2e seed, then the same run for real from
// its result, each watched live to the end, and the failed-only filter. The
// e2e server adds one fixture migration (e2e/fixtures/tenant-migrations) the
// seeded tenants do not have, so the real run applies it to them.

const FIXTURE = "20261207070000";

test.describe.configure({ timeout: 180_000 });

test("start a fleet migration and watch its progress to done", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Migrations" }).first().click();
  await expect(page.getByRole("heading", { name: "Migrations", level: 1 })).toBeVisible();
  await expect(page.getByTestId("migration-file-row").first()).toContainText("20261123000100");
  await expect(page.getByTestId("migration-file-row").filter({ hasText: FIXTURE })).toContainText("Yes");

  await page.getByLabel("Concurrency").fill("0");
  await page.getByRole("button", { name: "Start dry run" }).click();
  await expect(page.getByText(/Concurrency: a whole number from 1 to/)).toBeVisible();
  await page.getByLabel("Concurrency").fill("2");
  await page.getByLabel("Canary tenants").fill("1");
  await expect(page.getByRole("checkbox", { name: /Dry run first/ })).toBeChecked();
  await page.getByRole("button", { name: "Start dry run" }).click();

  await expect(page).toHaveURL(/\/migrations\/[^/]+$/);
  const progress = page.getByTestId("fleet-run-progress");
  await expect(progress.getByRole("progressbar", { name: "Fleet migration progress" })).toBeVisible();
  await expect(progress).toHaveAttribute("data-state", "succeeded", { timeout: 120_000 });
  const total = Number(await progress.getByTestId("count-total").textContent());
  expect(total).toBeGreaterThan(0);
  await expect(progress.getByTestId("count-succeeded")).toHaveText(String(total));
  await expect(page.getByTestId("fleet-item-row")).toHaveCount(total);
  await expect(page.getByTestId("fleet-item-row").first()).toContainText("Canary");
  // Nothing ran. The seeded tenants have the fixture pending; tenants other specs created since were
  // provisioned with every migration there is, so they have nothing pending.
  const pending = await page.getByTestId("fleet-item-row").filter({ hasText: FIXTURE }).count();
  expect(pending).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId("fleet-item-row").filter({ hasText: "Nothing pending" })).toHaveCount(total - pending);
  const dryRunUrl = page.url();

  await page.getByRole("button", { name: "Run for real" }).click();
  await expect(page).not.toHaveURL(dryRunUrl);
  const real = page.getByTestId("fleet-run-progress");
  await expect(real).toHaveAttribute("data-state", "succeeded", { timeout: 120_000 });
  await expect(real.getByTestId("count-succeeded")).toHaveText(String(total));
  await expect(real.getByTestId("count-failed")).toHaveText("0");
  await expect(real.getByRole("progressbar", { name: "Fleet migration progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByTestId("fleet-item-row").filter({ hasText: FIXTURE })).toHaveCount(pending);

  await page.getByRole("button", { name: "Failed", exact: false }).click();
  await expect(page.getByText("No failed tenants")).toBeVisible();
  await page.getByRole("button", { name: "All", exact: true }).click();
  await expect(page.getByTestId("fleet-item-row")).toHaveCount(total);

  // Now applied everywhere: another dry run finds nothing pending.
  await page.getByRole("link", { name: "Migrations", exact: true }).first().click();
  await expect(page.getByTestId("fleet-run-row").first()).toContainText("Succeeded");
  await page.getByRole("button", { name: "Start dry run" }).click();
  await expect(page.getByTestId("fleet-run-progress")).toHaveAttribute("data-state", "succeeded", { timeout: 120_000 });
  await expect(page.getByTestId("fleet-item-row").filter({ hasText: "Nothing pending" })).toHaveCount(total);
});
