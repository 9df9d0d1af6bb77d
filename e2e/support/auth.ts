import { expect, type Page } from "@playwright/test";
import { ADMIN_PASSWORD, STAFF_PASSWORD } from "./secrets";

export const ADMIN = { email: "admin@atrium.local", password: ADMIN_PASSWORD };
export { STAFF_PASSWORD };

/** Signs in through the real login form. */
export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export const PORT = Number(process.env.E2E_PORT ?? 3100);
export const portalUrl = (slug: string, path = "/") => `http://${slug}.localhost:${PORT}${path}`;

/** Signs a tenant member in on the tenant's own host, through its sign-in page. */
export async function signInToPortal(page: Page, slug: string, email: string, password = STAFF_PASSWORD): Promise<void> {
  await page.goto(portalUrl(slug, "/login"));
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** The accept link of the newest mail to `email`, read from the console's outbox as platform staff. */
export async function inviteLinkFromOutbox(page: Page, email: string): Promise<string> {
  return linkFromOutbox(page, email, /\/invite\//);
}

/** The first link matching `pattern` in the newest mail to `email` (optionally with `subject` in its row), from the console's outbox. */
export async function linkFromOutbox(page: Page, email: string, pattern: RegExp, subject?: string | RegExp): Promise<string> {
  await page.goto("/outbox");
  const rows = page.getByRole("row").filter({ hasText: email });
  await (subject ? rows.filter({ hasText: subject }) : rows).first().getByRole("link").first().click();
  const link = page.getByRole("link", { name: pattern }).first();
  await expect(link).toBeVisible();
  return (await link.getAttribute("href"))!;
}
