import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

test.describe.configure({ timeout: 180_000 });
test("shots", async ({ page }) => {
  await signIn(page);
  for (const [w, h] of [[1440, 900], [390, 844]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto("/analytics");
    await expect(page.getByTestId("analytics-kpis")).toBeVisible();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/d2-shots/analytics-${w}.png`, fullPage: true });
    await page.goto("/tenants");
    await expect(page.getByTestId(w > 1000 ? "tenant-row" : "tenant-row-card").first()).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `/tmp/d2-shots/tenants-${w}.png`, fullPage: true });
    await page.getByRole("link", { name: "Acme Corporation" }).first().click();
    await expect(page.getByTestId("tenant-health-card")).toBeVisible();
    await page.getByTestId("tenant-health-card").getByText(/All \d+ checks/).click();
    await page.waitForTimeout(500);
    await page.getByTestId("tenant-health-card").screenshot({ path: `/tmp/d2-shots/health-card-${w}.png` });
  }
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto("/analytics");
  await page.screenshot({ path: `/tmp/d2-shots/analytics-800.png` });
});
