import { expect, test, type Browser, type Page } from "@playwright/test";
import { linkFromOutbox, portalUrl, signIn, signInToPortal, STAFF_PASSWORD } from "./support/auth";
import { RESET_PASSWORD } from "./support/secrets";

// Forgot password (issue 13 §2) in Chromium, on the console and on a portal: ask on the
// sign-in page, read the link from the console's Outbox, choose a new password, sign in with it.
// Fresh accounts of their own (never the shared admin), so no other spec's sign-in changes.

const SHOTS = process.env.SHOTS_DIR;
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
];
const NEW_PASSWORD = RESET_PASSWORD;

/** Screenshots at both sizes when SHOTS_DIR is set (for looking at, not for asserting). */
async function shots(page: Page, name: string) {
  if (!SHOTS) return;
  const original = page.viewportSize();
  for (const v of VIEWPORTS) {
    await page.setViewportSize({ width: v.width, height: v.height });
    await page.screenshot({ path: `${SHOTS}/${name}-${v.name}.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** A fresh tenant whose owner (email, STAFF_PASSWORD) is a new account, created as the signed-in admin. */
async function freshOwner(admin: Page, prefix: string) {
  const slug = `${prefix}${Date.now().toString(36)}`;
  const email = `rosa@${slug}.test`;
  const origin = new URL(admin.url()).origin;
  const created = await admin.request.post(`${origin}/api/v1/tenants`, {
    headers: { Origin: origin },
    data: { tenant: { name: `Reset ${slug}`, slug, plan: "basic", admin_user: { email, name: "Rosa Reset", password: STAFF_PASSWORD } } },
  });
  expect(created.ok(), await created.text()).toBe(true);
  return { slug, email, origin };
}

async function askForLink(p: Page, email: string) {
  await p.getByRole("link", { name: "Forgot password?" }).click();
  await expect(p.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await p.getByLabel("Email").fill(email);
  await p.getByRole("button", { name: "Send reset link" }).click();
  await expect(p.getByText("Check your email")).toBeVisible();
}

async function chooseNewPassword(p: Page, link: string) {
  await p.goto(link);
  await expect(p.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await p.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await p.getByLabel("Repeat the new password").fill(`${NEW_PASSWORD} typo`);
  await p.getByRole("button", { name: "Set new password" }).click();
  await expect(p.getByText("The two passwords differ")).toBeVisible();
  await p.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await p.getByRole("button", { name: "Set new password" }).click();
  await expect(p.getByText("Password changed")).toBeVisible();
}

async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}

test("console: forgot password → link from the Outbox → new password → sign in with it; the link works once", async ({ page, browser }) => {
  await signIn(page);
  const { email, origin } = await freshOwner(page, "rst");
  await page.goto(`/users?search=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: email }).click();
  await expect(page.getByRole("heading", { name: "Rosa Reset", level: 1 })).toBeVisible();
  await page.getByLabel("Platform role", { exact: true }).selectOption({ label: "Auditor (read-only)" });
  await page.getByRole("button", { name: "Change role…" }).click();
  await page.getByRole("dialog", { name: "Change platform role?" }).getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText(`${email} is now: Auditor (read-only)`)).toBeVisible();

  const p = await newPage(browser);
  await p.goto(`${origin}/login`);
  await askForLink(p, email);
  await shots(p, "forgot-sent-console");

  const link = await linkFromOutbox(page, email, /\/reset-password\?token=/, "Reset your password");
  expect(new URL(link).host).toBe(new URL(origin).host);
  await chooseNewPassword(p, link);
  await p.getByRole("link", { name: "Sign in" }).click();
  await signIn(p, email, NEW_PASSWORD);
  await expect(p).toHaveURL(/\/tenants/);

  // Spent: the same link again is refused, with a way to ask for another.
  const q = await newPage(browser);
  await q.goto(link);
  await q.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await q.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
  await q.getByRole("button", { name: "Set new password" }).click();
  await expect(q.getByText("This link cannot be used")).toBeVisible();
  await expect(q.getByRole("link", { name: "Ask for a new link" })).toBeVisible();

  // The reset is a security alert on the console's Security page.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Security" }).click();
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await page.getByLabel("Kind").selectOption({ label: "Password reset" });
  await expect(page).toHaveURL(/kind=password_reset/);
  await expect(page.getByTestId("security-alert-row").filter({ hasText: email }).first()).toBeVisible();
});

test("portal: forgot password on the tenant's own host → link from the Outbox → new password → sign in to the portal", async ({ page, browser }) => {
  await signIn(page);
  const { slug, email } = await freshOwner(page, "rsp");
  const p = await newPage(browser);
  await p.goto(portalUrl(slug, "/login"));
  await askForLink(p, email);

  const link = await linkFromOutbox(page, email, /\/reset-password\?token=/, "Reset your password");
  expect(new URL(link).host).toBe(new URL(portalUrl(slug)).host);
  await chooseNewPassword(p, link);
  await signInToPortal(p, slug, email, NEW_PASSWORD);
  await expect(p.getByTestId("portal-company")).toBeVisible();
});

test("screenshots of the forgot and reset pages and the Security page", async ({ page }) => {
  test.skip(!SHOTS, "only when SHOTS_DIR is set");
  await page.goto("/forgot-password");
  await shots(page, "forgot-console");
  await page.goto("/reset-password?token=not-a-real-token-but-long-enough");
  await shots(page, "reset-console");
  await page.goto(portalUrl("acme", "/forgot-password"));
  await shots(page, "forgot-portal");
  await page.goto(portalUrl("acme", "/login"));
  await shots(page, "login-portal");
  await signIn(page);
  await page.goto("/security");
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await shots(page, "security-page");
});
