import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { portalUrl, signIn, signInToPortal } from "./support/auth";
import { DESKTOP, textContrast } from "./support/layout";

// Issue 14 §5: the tenant list's CSV export (the filters on screen) and dark mode
// (system default, a toggle remembered for the next page, the portal's brand readable).

test.use({ viewport: DESKTOP });

test("Export CSV downloads the filtered tenant list", async ({ page }) => {
  await signIn(page);
  await page.goto("/tenants?search=Acme&status=active");
  await expect(page.getByTestId("tenant-row").first()).toContainText("Acme");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tenants-\d{4}-\d\d-\d\d\.csv$/);
  const text = await readFile((await download.path())!, "utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).trimEnd().split("\r\n");
  expect(lines[0]).toBe("id,name,slug,domain,status,plan,is_trial,trial_ends_at,health_score,health_status,members,created_at,updated_at");
  const rows = lines.slice(1).map((l) => l.split(","));
  expect(rows.map((r) => r[1])).toContain("Acme Corporation");
  // Only what the list shows: every row matches the search and the status.
  for (const r of rows) {
    expect(`${r[1]} ${r[2]} ${r[3]}`.toLowerCase()).toContain("acme");
    expect(r[4]).toBe("active");
  }
});

test("dark mode: the system's scheme by default, the toggle's choice kept for the next page (rendered by the server), the portal's brand readable", async ({ page }) => {
  const bodyColour = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page);
  await expect(page.getByTestId("tenant-row").first()).toBeVisible();
  const dark = await bodyColour();
  await page.emulateMedia({ colorScheme: "light" });
  const light = await bodyColour();
  expect(dark).not.toBe(light);

  // An explicit choice beats the system's, now and on the server's next page.
  await page.getByRole("button", { name: "Theme: System" }).click();
  await page.getByRole("menuitem", { name: /Dark/ }).click();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  expect(await bodyColour()).toBe(dark);
  const html = await (await page.request.get("/users")).text();
  expect(html).toMatch(/<html[^>]*class="[^"]*\bdark\b/);
  await page.goto("/users");
  await expect(page.getByRole("button", { name: "Theme: Dark" })).toBeVisible();
  expect(await bodyColour()).toBe(dark);

  // Back to the system's setting: no class, the stylesheet follows prefers-color-scheme.
  await page.getByRole("button", { name: "Theme: Dark" }).click();
  await page.getByRole("menuitem", { name: /System/ }).click();
  await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  expect(await bodyColour()).toBe(light);

  // The portal keeps the tenant's colour and its readable foreground in both schemes.
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.goto(portalUrl("acme", "/members"));
  const primary = page.getByRole("button", { name: "Invite members" });
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Polled: colours change with a short transition.
    await expect.poll(() => textContrast(primary), { message: `primary button text, ${scheme}` }).toBeGreaterThanOrEqual(4.5);
    await expect.poll(() => textContrast(page.getByTestId("portal-company")), { message: `company name, ${scheme}` }).toBeGreaterThanOrEqual(4.5);
  }
});
