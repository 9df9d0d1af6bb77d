import { expect, test, type Page } from "@playwright/test";
import { signIn, signInToPortal } from "./support/auth";

// Issue 9: unsaved edits on the tenant page survive tab switches and are not
// lost silently on leaving; its forms take no input before hydration (a select
// changed then kept showing the choice while the save sent the old value); the
// Members lists arrive with the HTML. Nothing here is saved, so it can run again.

test.describe.configure({ mode: "serial", timeout: 120_000 });

async function openGlobex(page: Page): Promise<string> {
  await signIn(page);
  // The list's first page is the newest tenants; other specs create many.
  await page.goto("/tenants?search=Globex");
  await page.getByRole("link", { name: "Globex Industries" }).click();
  await expect(page.getByTestId("tenant-header")).toContainText("Globex Industries");
  return new URL(page.url()).pathname;
}

const tab = (page: Page, name: string) => page.getByRole("tab", { name, exact: true });

test("drafts of Settings, Limits and Features are kept while switching tabs, and Discard drops them", async ({ page }) => {
  await openGlobex(page);
  await tab(page, "Settings").click();
  const timezone = page.getByLabel("Timezone");
  const original = await timezone.inputValue();
  const changed = original === "Asia/Tokyo" ? "Europe/Berlin" : "Asia/Tokyo";
  await timezone.selectOption(changed);
  await page.getByLabel("Tenant name").fill("Globex Draft Name");

  await tab(page, "Limits").click();
  const storage = page.getByLabel("Storage (GB)", { exact: true });
  await storage.fill("77");

  await tab(page, "Features").click();
  const sso = page.getByRole("switch", { name: "Single sign-on" });
  const ssoBefore = await sso.getAttribute("aria-checked");
  await sso.click();
  await expect(sso).not.toHaveAttribute("aria-checked", ssoBefore!);

  await tab(page, "Overview").click();
  await tab(page, "Settings").click();
  await expect(timezone).toHaveValue(changed);
  await expect(page.getByLabel("Tenant name")).toHaveValue("Globex Draft Name");
  await expect(page.getByText("You have unsaved changes.")).toBeVisible();
  await tab(page, "Limits").click();
  await expect(storage).toHaveValue("77");
  await tab(page, "Features").click();
  await expect(sso).not.toHaveAttribute("aria-checked", ssoBefore!);

  await page.getByRole("button", { name: "Discard" }).click();
  await expect(sso).toHaveAttribute("aria-checked", ssoBefore!);
  await tab(page, "Settings").click();
  await page.getByRole("button", { name: "Discard" }).click();
  await expect(timezone).toHaveValue(original);
});

test("leaving with unsaved changes asks first: Stay keeps the draft, Leave goes; a reload or close gets the browser's prompt", async ({ page }) => {
  const path = await openGlobex(page);
  await tab(page, "Limits").click();
  await page.getByLabel("Storage (GB)", { exact: true }).fill("66");

  await page.getByRole("link", { name: "Tenants", exact: true }).first().click();
  const dialog = page.getByRole("dialog", { name: "Leave without saving?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Stay on this page" }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`${path}`));
  await expect(page.getByLabel("Storage (GB)", { exact: true })).toHaveValue("66");

  // The browser's own prompt guards reloads and closing the tab.
  const prompt = new Promise<string>((resolve) => page.once("dialog", (d) => { resolve(d.type()); void d.dismiss(); }));
  await page.close({ runBeforeUnload: true });
  expect(await prompt).toBe("beforeunload");
});

test("Leave and discard navigates; without unsaved changes nothing asks", async ({ page }) => {
  await openGlobex(page);
  await tab(page, "Settings").click();
  await page.getByLabel("Tenant name").fill("Globex Leaving");
  await page.getByRole("link", { name: "Tenants", exact: true }).first().click();
  await page.getByRole("dialog", { name: "Leave without saving?" }).getByRole("button", { name: "Leave and discard" }).click();
  await expect(page).toHaveURL(/\/tenants$/);

  await page.goto("/tenants?search=Globex");
  await page.getByRole("link", { name: "Globex Industries" }).click();
  await tab(page, "Settings").click();
  await expect(page.getByLabel("Tenant name")).toHaveValue("Globex Industries");
  await page.getByRole("link", { name: "Tenants", exact: true }).first().click();
  await expect(page).toHaveURL(/\/tenants$/);
});

test("the settings form takes no input until it is hydrated", async ({ page }) => {
  const path = await openGlobex(page);
  // Hold the page's scripts back (not its stylesheets, which React waits for before revealing streamed content), as a slow network or a busy CPU does.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const isScript = (url: URL) => url.pathname.startsWith("/_next/static/") && url.pathname.endsWith(".js");
  await page.route(isScript, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(`${path}?tab=settings`, { waitUntil: "commit" });
  const timezone = page.getByLabel("Timezone");
  await expect(timezone).toBeVisible();
  await expect(timezone).toBeDisabled();
  release();
  await expect(timezone).toBeEnabled();
  await page.unroute(isScript);
});

test("the Members tab and the portal's Members page arrive with their first page in the HTML", async ({ page, browser }) => {
  const path = await openGlobex(page);
  const consoleHtml = await (await page.request.get(`${path}?tab=members`)).text();
  expect(consoleHtml).toContain('data-testid="member-row"');

  const portal = await browser.newContext();
  const portalPage = await portal.newPage();
  await signInToPortal(portalPage, "acme", "owner@acme.example");
  // Fetched from the page itself: the test runner cannot resolve *.localhost, the browser can.
  const portalHtml = await portalPage.evaluate(async () => (await fetch("/members", { headers: { Accept: "text/html" } })).text());
  expect(portalHtml).toContain("Acme Owner");
  expect(portalHtml).toContain('data-testid="invitation-row"');
  await portal.close();
});
