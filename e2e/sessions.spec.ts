import { mkdirSync } from "node:fs";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { portalUrl, signIn, signInToPortal } from "./support/auth";
import { DESKTOP, PHONE, expectNoPageOverflow } from "./support/layout";

// A second browser that says it is Firefox on Windows, so the first can tell its session apart in the list.
const OTHER_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";

async function otherBrowser(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ userAgent: OTHER_UA });
  return context.newPage();
}

test("console: two browsers, the first signs the other out, and the other is sent to /login at its next navigation", async ({ page, browser }) => {
  await signIn(page);
  const other = await otherBrowser(browser);
  await signIn(other);
  await other.goto("/tenants");
  await expect(other).toHaveURL(/\/tenants/);

  await page.goto("/account/sessions");
  const rows = page.getByTestId("session-row");
  await expect(rows.filter({ hasText: "This browser" })).toHaveCount(1);
  const firefox = rows.filter({ hasText: "Firefox on Windows" });
  await expect(firefox.first()).toBeVisible();
  // Earlier runs against the same database may have left such sessions: sign out every one.
  while ((await firefox.count()) > 0) {
    await firefox.first().getByRole("button", { name: /^Sign out Firefox on Windows/ }).click();
    const dialog = page.getByRole("dialog", { name: "Sign out this session?" });
    await dialog.getByRole("button", { name: "Sign out" }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(rows.filter({ hasText: "This browser" })).toHaveCount(1);

  await other.goto("/tenants");
  await expect(other).toHaveURL(/\/login/);
  // The first browser is still signed in.
  await page.goto("/tenants");
  await expect(page).toHaveURL(/\/tenants/);
  await other.context().close();
});

test("portal: Sign out all other sessions ends the member's other browser; their own stays", async ({ page, browser }) => {
  await signInToPortal(page, "acme", "owner@acme.example");
  const other = await otherBrowser(browser);
  await signInToPortal(other, "acme", "owner@acme.example");

  await page.goto(portalUrl("acme", "/account/sessions"));
  await expect(page.getByRole("link", { name: "Sessions" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("session-row").filter({ hasText: "Firefox on Windows" }).first()).toBeVisible();
  await page.getByRole("button", { name: "Sign out all other sessions" }).click();
  const dialog = page.getByRole("dialog", { name: "Sign out all other sessions?" });
  await dialog.getByRole("button", { name: "Sign out others" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("session-row")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sign out all other sessions" })).toBeDisabled();

  await other.goto(portalUrl("acme", "/members"));
  await expect(other).toHaveURL(/\/login/);
  await page.goto(portalUrl("acme", "/members"));
  await expect(page).not.toHaveURL(/\/login/);
  await other.context().close();
});

test("signing out from the user menu ends the session record: a copy of the cookie no longer works", async ({ page, browser }) => {
  await signIn(page);
  const cookies = await page.context().cookies();
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const copied = await copy.newPage();
  await copied.goto("/tenants");
  await expect(copied).toHaveURL(/\/tenants/);

  await page.getByRole("button", { name: /account menu/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await copied.goto("/tenants");
  await expect(copied).toHaveURL(/\/login/);
  await copy.close();
});

test("the sessions page fits a phone and a desktop", async ({ page }) => {
  const dir = process.env.SHOTS_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  await signIn(page);
  for (const [name, size] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    await page.setViewportSize(size);
    await page.goto("/account/sessions");
    await expect(page.getByRole("heading", { name: "Your sessions" }).first()).toBeVisible();
    await expectNoPageOverflow(page);
    if (dir) await page.screenshot({ path: `${dir}/console-sessions-${name}.png`, fullPage: true });
  }
  await signInToPortal(page, "acme", "owner@acme.example");
  for (const [name, size] of [["phone", PHONE], ["desktop", DESKTOP]] as const) {
    await page.setViewportSize(size);
    await page.goto(portalUrl("acme", "/account/sessions"));
    await expectNoPageOverflow(page);
    if (dir) await page.screenshot({ path: `${dir}/portal-sessions-${name}.png`, fullPage: true });
  }
});
