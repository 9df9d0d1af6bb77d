import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";

// The Backups tab end to end against the real job runner and storage: back
// up a tenant and watch the progress to "completed", then restore that
// backup into a side schema, preview its plan first, and watch the steps
// finish. Globex, since a side-schema restore leaves its live schema alone.

test.describe.configure({ timeout: 180_000 });

async function openBackups(page: Page) {
  await signIn(page);
  // The list's first page is the newest tenants; other specs create many.
  await page.goto("/tenants?search=Globex");
  await page.getByRole("link", { name: "Globex Industries" }).click();
  await expect(page.getByTestId("tenant-header")).toContainText("Globex Industries");
  await page.getByRole("tab", { name: "Backups" }).click();
  await expect(page).toHaveURL(/tab=backups/);
  await expect(page.getByRole("heading", { name: "Backups" })).toBeVisible();
}

test("back up a tenant, watch it finish, restore it into a side schema", async ({ page }) => {
  await openBackups(page);
  const rowsBefore = await page.getByTestId("backup-row").count();

  await page.getByRole("button", { name: "Back up now" }).click();
  const dialog = page.getByRole("dialog", { name: "Back up now" });
  await expect(dialog.getByRole("radio", { name: /^Full/ })).toBeChecked();
  // The e2e server has no BACKUP_ENCRYPTION_KEY: the option says so instead of failing later.
  await expect(dialog.getByRole("checkbox", { name: /Encrypt/ })).toBeDisabled();
  await expect(dialog.getByText("Unavailable: the server has no BACKUP_ENCRYPTION_KEY configured")).toBeVisible();
  await dialog.getByLabel("Keep for (days)").fill("0");
  await dialog.getByRole("button", { name: "Start backup" }).click();
  await expect(dialog.getByText("A whole number of days from 1 to 3650")).toBeVisible();
  await dialog.getByLabel("Keep for (days)").fill("7");
  await dialog.getByRole("button", { name: "Start backup" }).click();

  const progress = dialog.getByTestId("backup-progress");
  await expect(progress.getByRole("progressbar", { name: "Backup progress" })).toBeVisible();
  await expect(progress).toHaveAttribute("data-status", "completed", { timeout: 120_000 });
  await expect(progress.getByText("Backup completed")).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByTestId("backup-row")).toHaveCount(rowsBefore + 1);
  const row = page.getByTestId("backup-row").first();
  await expect(row.getByTestId("backup-status")).toHaveAttribute("data-status", "completed");
  await expect(row).toContainText("Full");
  await expect(row).toContainText("Verified");

  await row.getByRole("button", { name: /^Restore the backup of/ }).click();
  const restore = page.getByRole("dialog", { name: "Restore backup" });
  await expect(restore.getByRole("radio", { name: /A new schema beside the live one/ })).toBeChecked();
  const target = restore.getByLabel("Schema name");
  await expect(target).toHaveValue(/_restored_\d{8}$/);
  // A unique name per run, so a rerun against the same server does not collide.
  const schema = `globex_e2e_${Date.now().toString(36)}`;
  await target.fill("Bad Name");
  await expect(restore.getByText(/Lower-case letters, digits and _/)).toBeVisible();
  await expect(restore.getByRole("button", { name: "Preview plan" })).toBeDisabled();
  await target.fill(schema);
  await expect(restore.getByRole("checkbox", { name: /documents/ })).toBeChecked();

  await restore.getByRole("button", { name: "Preview plan" }).click();
  const plan = restore.getByTestId("restore-plan");
  await expect(restore.getByRole("heading", { name: /Plan \(dry run/ })).toBeVisible();
  await expect(plan.locator("[data-step=data_restoration]")).toBeVisible();
  await expect(plan.locator("[data-step=verification]")).toBeVisible();

  await restore.getByRole("button", { name: "Restore", exact: true }).click();
  const running = page.getByRole("dialog").getByTestId("restore-progress");
  await expect(running).toBeVisible();
  await expect(running).toHaveAttribute("data-status", "completed", { timeout: 120_000 });
  await expect(running.getByText("Restored", { exact: true })).toBeVisible();
  await expect(running).toContainText(schema);
  await expect(running.locator("[data-step=verification]")).toHaveAttribute("data-status", "completed");
  await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
});
