import { expect, type Page } from "@playwright/test";

export const ADMIN = { email: "admin@atrium.local", password: "e2e-admin-password" };
export const STAFF_PASSWORD = "e2e-staff-password";

/** Signs in through the real login form. */
export async function signIn(page: Page, email = ADMIN.email, password = ADMIN.password): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
}
