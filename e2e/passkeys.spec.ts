import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { portalUrl, signIn, signInToPortal, STAFF_PASSWORD } from "./support/auth";

// Passkeys in real Chromium with its virtual authenticator (CDP WebAuthn
// domain: a CTAP2 platform authenticator that stores resident keys and
// verifies the user). The server verifies everything for real.

const PORTAL_MEMBER = "ola@globex.example";
const CONSOLE_STAFF = "operator@atrium.local";
// SHOTS_DIR=/tmp/b2-shots saves screenshots of the passkey screens at phone and desktop sizes.
const SHOTS_DIR = process.env.SHOTS_DIR;

async function virtualAuthenticator(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS_DIR) return;
  mkdirSync(SHOTS_DIR, { recursive: true });
  for (const [w, h] of [[390, 844], [1440, 900]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.screenshot({ path: `${SHOTS_DIR}/${name}-${w}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function addPasskey(page: Page, name: string): Promise<void> {
  await page.getByRole("button", { name: "Add a passkey" }).click();
  const dialog = page.getByRole("dialog", { name: "Add a passkey" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("passkey-row").filter({ hasText: name }).first()).toBeVisible();
}

/** Leaves the account as the rest of the suite expects it: no passkey (which would make its password sign-in ask for one). */
async function removePasskey(page: Page, name: string): Promise<void> {
  await page.getByTestId("passkey-row").filter({ hasText: name }).first().getByRole("button", { name: `Remove passkey ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove passkey" }).click();
  await expect(page.getByTestId("passkey-row").filter({ hasText: name })).toHaveCount(0);
}

async function signOut(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: `${email}, account menu` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("a member registers a passkey on the portal's Security page, signs out and signs in with it, without a password", async ({ context, page }) => {
  await virtualAuthenticator(context, page);
  await signInToPortal(page, "globex", PORTAL_MEMBER);
  await page.goto(portalUrl("globex", "/account/security"));
  await expect(page.getByRole("heading", { name: "Passkeys" })).toBeVisible();
  await expect(page.getByText("globex.localhost", { exact: true })).toBeVisible();
  await addPasskey(page, "E2E laptop");
  await shoot(page, "portal-security-passkeys");

  await signOut(page, PORTAL_MEMBER);
  await page.goto(portalUrl("globex", "/login"));
  await shoot(page, "portal-login");
  await page.getByRole("button", { name: "Sign in with a passkey" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto(portalUrl("globex", "/account/security"));
  const row = page.getByTestId("passkey-row").filter({ hasText: "E2E laptop" }).first();
  await expect(row).not.toContainText("Never");

  await removePasskey(page, "E2E laptop");
});

test("a staff member uses a passkey as the second factor on the console", async ({ context, page }) => {
  await virtualAuthenticator(context, page);
  await signIn(page, CONSOLE_STAFF, STAFF_PASSWORD);
  await page.goto("/account/security");
  await addPasskey(page, "E2E key");
  await shoot(page, "console-security-passkeys");

  await signOut(page, CONSOLE_STAFF);
  await page.getByLabel("Email").fill(CONSOLE_STAFF);
  await page.getByLabel("Password").fill(STAFF_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await shoot(page, "console-second-factor");
  await page.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await page.goto("/account/security");
  await removePasskey(page, "E2E key");
});
