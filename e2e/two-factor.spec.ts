import { expect, test, type Page } from "@playwright/test";
import { generate } from "otplib";
import { portalUrl, signIn, STAFF_PASSWORD } from "./support/auth";

// Two-factor authentication with an authenticator app (issue 13 §1), in Chromium:
// a staff member sets it up on /account/security, then signs in with the password
// and a code generated here from the key the page shows, and once with a recovery code.

const SHOTS = process.env.SHOTS_DIR;
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
];

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

/** A code for the next time step: the step of "now" may already be spent by the previous use (codes work once per step). */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function passwordStep(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
}

/** The page's own error callout (Next's route announcer is an alert too, outside <main>). */
const formAlert = (page: Page) => page.getByRole("main").getByRole("alert");

async function signOut(page: Page) {
  await page.getByRole("button", { name: /account menu/ }).click();
  await page.getByRole("menuitem", { name: /Sign out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** A new tenant whose owner (with STAFF_PASSWORD) is `email`, made through the API as the signed-in admin; answers its id. */
async function newTenant(page: Page, slug: string, email: string, name: string): Promise<string> {
  const origin = new URL(page.url()).origin;
  const created = await page.request.post(`${origin}/api/v1/tenants`, {
    headers: { Origin: origin },
    data: { tenant: { name: `TFA ${slug}`, slug, plan: "basic", admin_user: { email, name, password: STAFF_PASSWORD } } },
  });
  expect(created.ok(), await created.text()).toBe(true);
  return ((await created.json()) as { data: { tenant: { id: string } } }).data.tenant.id;
}

test("staff sets up an authenticator app, signs in with password and code, and a recovery code works once", async ({ page, browser }) => {
  // A new staff account of its own, so no other spec's sign-in meets a second step.
  await signIn(page);
  const slug = `tfa${Date.now().toString(36)}`;
  const email = `tess@${slug}.test`;
  await newTenant(page, slug, email, "Tess Factor");
  await page.goto(`/users?search=${encodeURIComponent(email)}`);
  await page.getByRole("link", { name: email }).click();
  await expect(page.getByRole("heading", { name: "Tess Factor", level: 1 })).toBeVisible();
  await page.getByLabel("Platform role").selectOption({ label: "Auditor (read-only)" });
  await page.getByRole("button", { name: "Change role…" }).click();
  await page.getByRole("dialog", { name: "Change platform role?" }).getByRole("button", { name: "Change role" }).click();
  await expect(page.getByText(`${email} is now: Auditor (read-only)`)).toBeVisible();

  const context = await browser.newContext();
  const p = await context.newPage();
  await signIn(p, email, STAFF_PASSWORD);

  // The account menu leads to the Security tab.
  await p.getByRole("button", { name: /account menu/ }).click();
  await p.getByRole("menuitem", { name: /Account/ }).click();
  await expect(p).toHaveURL(/\/account\/security$/);
  await expect(p.getByRole("heading", { name: "Your account", level: 1 })).toBeVisible();
  await expect(p.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Security" })).toHaveAttribute("aria-current", "page");
  await shots(p, "security-off");

  await p.getByRole("link", { name: "Set up" }).click();
  await expect(p.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expect(p.getByTestId("totp-qr")).toBeVisible();
  const secret = (await p.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await shots(p, "enrol-qr");

  // A wrong first code is refused and nothing is turned on.
  await p.getByLabel("Code from the app").fill("000000");
  await p.getByRole("button", { name: "Turn on" }).click();
  await expect(formAlert(p)).toContainText("not right");
  await p.getByLabel("Code from the app").fill(await generate({ secret }));
  await p.getByRole("button", { name: "Turn on" }).click();
  await expect(p.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  const codes = await p.getByTestId("recovery-codes").getByRole("listitem").allTextContents();
  await shots(p, "recovery-codes");
  await p.getByRole("link", { name: /I have saved them/ }).click();
  await expect(p).toHaveURL(/\/account\/security$/);
  await expect(p.getByText("10 of 10 unused.")).toBeVisible();
  await shots(p, "security-on");

  // Password, then a generated code.
  await signOut(p);
  await passwordStep(p, email);
  await shots(p, "second-factor-step");
  await p.getByLabel("Authentication code").fill("000000");
  await p.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(p)).toContainText("not right");
  await expect(p.getByLabel("Authentication code")).toBeFocused();
  await p.getByLabel("Authentication code").fill(await nextCode(secret));
  await p.getByRole("button", { name: "Verify" }).click();
  await expect(p).not.toHaveURL(/\/login/);
  await expect(p.getByRole("button", { name: /account menu/ })).toBeVisible();

  // A recovery code works once.
  await signOut(p);
  await passwordStep(p, email);
  await p.getByRole("button", { name: "Use a recovery code instead" }).click();
  await p.getByLabel("Recovery code").fill(codes[0].toLowerCase());
  await p.getByRole("button", { name: "Verify" }).click();
  await expect(p).not.toHaveURL(/\/login/);
  await p.goto("/account/security");
  await expect(p.getByText("9 of 10 unused.")).toBeVisible();

  await signOut(p);
  await passwordStep(p, email);
  await p.getByRole("button", { name: "Use a recovery code instead" }).click();
  await p.getByLabel("Recovery code").fill(codes[0]);
  await p.getByRole("button", { name: "Verify" }).click();
  await expect(formAlert(p)).toContainText("already used");
  await expect(p).toHaveURL(/\/login/);
  await context.close();
});

test("a tenant that requires 2FA sends a member without it to set it up before anything else", async ({ page, browser }) => {
  await signIn(page);
  const slug = `tfm${Date.now().toString(36)}`;
  const email = `owner@${slug}.test`;
  const id = await newTenant(page, slug, email, "Mona Member");
  const origin = new URL(page.url()).origin;
  const policy = await page.request.put(`${origin}/api/v1/tenants/${id}/security`, { headers: { Origin: origin }, data: { require_2fa: true } });
  expect(policy.ok(), await policy.text()).toBe(true);

  const context = await browser.newContext();
  const p = await context.newPage();
  await p.goto(portalUrl(slug, "/login"));
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill(STAFF_PASSWORD);
  await p.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(p).toHaveURL(/\/account\/security\/enrol$/);
  await expect(p.getByRole("heading", { name: "Set up two-factor authentication" })).toBeVisible();
  await expect(p.getByText("Two-factor authentication is required")).toBeVisible();
  await shots(p, "portal-enrol-required");
  // Every other page sends the session back here.
  await p.goto(portalUrl(slug, "/members"));
  await expect(p).toHaveURL(/\/account\/security\/enrol$/);

  const secret = (await p.getByTestId("totp-secret").textContent())!.replace(/\s+/g, "");
  await p.getByLabel("Code from the app").fill(await generate({ secret }));
  await p.getByRole("button", { name: "Turn on" }).click();
  await expect(p.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await p.getByRole("link", { name: /I have saved them/ }).click();
  await expect(p).toHaveURL(portalUrl(slug, "/"));
  await p.goto(portalUrl(slug, "/members"));
  await expect(p).toHaveURL(/\/members$/);
  await p.goto(portalUrl(slug, "/account/security"));
  await expect(p.getByText("Two-factor authentication is required here, so the app cannot be turned off.")).toBeVisible();
  await expect(p.getByRole("button", { name: "Turn off" })).toBeDisabled();
  await shots(p, "portal-security-on");
  await context.close();
});
