import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { PORT, signIn, STAFF_PASSWORD } from "./support/auth";
import { WRONG_PASSWORD } from "./support/secrets";

// The platform console end to end, against the production build on a fresh
// seeded database (scripts/e2e-server.ts). The tests run in order and share one
// tenant: created through the form, then found, edited, suspended, scheduled
// for deletion and restored.

// Generous per-test time: each test drives several server round trips on a shared CI machine.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const suffix = randomBytes(3).toString("hex");
const tenantName = `E2E Widgets ${suffix}`;
const slug = `e2e-widgets-${suffix}`;
let tenantPath = "";
// The first test signs in through the form and keeps the session for the admin tests after it.
const ADMIN_STATE = path.join("test-results", ".auth", `admin-${suffix}.json`);

const header = (page: Page) => page.getByTestId("tenant-header");

async function openActions(page: Page, item: string) {
  await page.getByRole("button", { name: "Tenant actions" }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

test("signs in and lands on the tenant list", async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/tenants$/);
  await expect(page.getByRole("heading", { name: "Tenants", level: 1 })).toBeVisible();
  await expect(page.getByTestId("tenant-row").first()).toBeVisible();
  // The seeded tenants are there (through a search: the first page is the newest, and other specs create many).
  for (const name of ["Acme Corporation", "Initech"]) {
    await page.goto(`/tenants?search=${encodeURIComponent(name.split(" ")[0])}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
  }
  await page.context().storageState({ path: ADMIN_STATE });
});

test("a wrong password shows the generic error", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@atrium.local");
  await page.getByLabel("Password").fill(WRONG_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password" })).toHaveText("Email or password is incorrect, or there were too many attempts. Try again later.");
  await expect(page).toHaveURL(/\/login/);
});

test.describe("as the platform admin", () => {
  test.use({ storageState: ADMIN_STATE });

  test("creates a tenant through the form and watches it provision", async ({ page }) => {
    await page.goto("/tenants");
    await page.getByRole("link", { name: "Create tenant" }).click();
    await expect(page).toHaveURL(/\/tenants\/new$/);

    // The slug follows the name, and the preview shows the portal address on the root domain.
    await page.getByLabel("Tenant name").fill(tenantName);
    await expect(page.getByLabel("Slug")).toHaveValue(slug);
    await expect(page.getByTestId("slug-preview")).toHaveText(`${slug}.localhost:${PORT}`);

    // A plan fills in its default limits and features.
    await page.getByText("Enterprise", { exact: true }).click();
    await expect(page.getByRole("checkbox", { name: "Users: unlimited" })).toBeChecked();
    await expect(page.getByLabel("Storage (GB)", { exact: true })).toHaveValue("1024");
    await expect(page.getByRole("switch", { name: "Single sign-on" })).toHaveAttribute("aria-checked", "true");
    await page.getByText("Basic", { exact: true }).click();
    await expect(page.getByRole("checkbox", { name: "Users: unlimited" })).not.toBeChecked();
    await expect(page.getByLabel("Users", { exact: true })).toHaveValue("10");
    await expect(page.getByLabel("Storage (GB)", { exact: true })).toHaveValue("5");
    await expect(page.getByRole("switch", { name: "Single sign-on" })).toHaveAttribute("aria-checked", "false");
    await page.getByText("Professional", { exact: true }).click();
    await expect(page.getByLabel("Users", { exact: true })).toHaveValue("50");
    await expect(page.getByRole("switch", { name: "API access" })).toHaveAttribute("aria-checked", "true");

    await page.getByLabel("Timezone").selectOption("Europe/Paris");
    await page.getByLabel("Admin name").fill("Wendy Widget");
    await page.getByLabel("Admin email").fill("not-an-email");
    await page.getByRole("button", { name: "Create tenant" }).click();

    // The server's field error appears next to the field, and in the summary.
    const emailError = page.locator("#tenant-admin_user-email-error");
    await expect(emailError).toHaveText("Enter a valid email address");
    await expect(page.getByLabel("Admin email")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("alert").filter({ hasText: "Check 1 field" })).toContainText("Admin email");
    await expect(page).toHaveURL(/\/tenants\/new$/);
    await page.screenshot({ path: test.info().outputPath("create-validation.png"), fullPage: true });

    // Custom domains have one home, the Domains tab: the form only points there.
    await expect(page.getByTestId("custom-domain-note")).toContainText("Domains tab");
    await expect(page.getByLabel("Custom domain", { exact: true })).toHaveCount(0);

    await page.getByLabel("Admin email").fill(`wendy@${slug}.example`);
    // The form takes the API's async path: 202 as soon as the tenant is recorded, so the next page shows the steps running.
    const created = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/tenants");
    await page.getByRole("button", { name: "Create tenant" }).click();
    const createdResponse = await created;
    expect(createdResponse.status()).toBe(202);
    expect(createdResponse.headers()["preference-applied"]).toBe("respond-async");
    await expect(page).toHaveURL(/\/tenants\/tenant_[0-9a-f]+$/);
    tenantPath = new URL(page.url()).pathname;

    // Live progress (or, if it was quicker than the page, the finished record) ends with every step done and the tenant active.
    await expect(header(page)).toContainText("Active", { timeout: 20_000 });
    const steps = page.getByRole("list", { name: "Provisioning steps" }).getByRole("listitem");
    await expect(steps).toHaveCount(5);
    for (const name of ["schema_creation", "migration_setup", "extensions_setup", "admin_creation", "branding_apply"]) {
      await expect(page.locator(`[data-step="${name}"]`)).toHaveAttribute("data-status", "completed");
    }
    await expect(page.getByRole("heading", { name: "Provisioning complete" })).toBeVisible();
    await expect(header(page)).toContainText("Professional");
    await expect(page.getByRole("link", { name: `${slug}.localhost:${PORT}` }).first()).toHaveAttribute("href", `http://${slug}.localhost:${PORT}`);
    await expect(page.getByText(`wendy@${slug}.example as owner`)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("tenant-created.png"), fullPage: true });

    // The finished provisioning summary belongs to Overview only, and can be dismissed.
    const summary = page.getByRole("heading", { name: "Provisioning complete" });
    await page.getByRole("tab", { name: "Settings" }).click();
    await expect(summary).toHaveCount(0);
    await page.getByRole("tab", { name: "Overview" }).click();
    await expect(summary).toBeVisible();
    await page.getByRole("button", { name: "Dismiss provisioning summary" }).click();
    await expect(summary).toHaveCount(0);
    await page.getByRole("tab", { name: "Members" }).click();
    await page.getByRole("tab", { name: "Overview" }).click();
    await expect(summary).toHaveCount(0);
  });

  test("finds the new tenant by searching the list", async ({ page }) => {
    await page.goto("/tenants");
    await page.getByLabel("Search tenants").fill(suffix);
    await expect(page).toHaveURL(new RegExp(`search=${suffix}`));
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(tenantName);
    await expect(rows.first()).toContainText("Professional");
    await expect(rows.first()).toContainText("1 / 50");

    // The filters live in the URL: a reload keeps them.
    await page.reload();
    await expect(page.getByLabel("Search tenants")).toHaveValue(suffix);
    await expect(page.locator("tbody tr")).toHaveCount(1);

    await page.getByLabel("Filter by status").selectOption("suspended");
    await expect(page.getByText("No tenants match these filters")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).first().click();
    await expect(page).toHaveURL(/\/tenants$/);
    await expect(page.getByTestId("tenant-row").nth(1)).toBeVisible();

    await page.getByLabel("Search tenants").fill(suffix);
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await page.locator("tbody tr").filter({ hasText: tenantName }).click();
    await expect(page).toHaveURL(new RegExp(`${tenantPath}$`));
  });

  test("edits settings, which persist after a reload, and refuses a stale edit", async ({ page, browser }) => {
    await page.goto(`${tenantPath}?tab=settings`);
    await expect(page.getByLabel("Timezone")).toHaveValue("Europe/Paris");

    await page.getByLabel("Timezone").selectOption("Asia/Tokyo");
    await page.getByLabel("Currency").selectOption("JPY");
    await page.getByLabel("Date format").selectOption("%d.%m.%Y");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("tab", { name: "Settings" })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByLabel("Timezone")).toHaveValue("Asia/Tokyo");
    await expect(page.getByLabel("Currency")).toHaveValue("JPY");
    await expect(page.getByLabel("Date format")).toHaveValue("%d.%m.%Y");

    // Someone else saves first: this page's ETag is stale and its save is refused, not merged.
    const otherContext = await browser.newContext({ storageState: ADMIN_STATE });
    const other = await otherContext.newPage();
    await other.goto(`${tenantPath}?tab=settings`);
    await other.getByLabel("Locale").selectOption("en-GB");
    await other.getByRole("button", { name: "Save changes" }).click();
    await expect(other.getByRole("status").filter({ hasText: "Settings saved" })).toBeVisible();
    await otherContext.close();

    await page.getByLabel("Currency").selectOption("EUR");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "This tenant was changed by someone else" })).toBeVisible();
    await page.getByRole("button", { name: "Reload latest" }).click();
    await expect(page.getByLabel("Locale")).toHaveValue("en-GB");
    await expect(page.getByLabel("Currency")).toHaveValue("JPY");
  });

  test("suspends and reactivates the tenant through confirmation dialogs", async ({ page }) => {
    await page.goto(tenantPath);
    await expect(header(page)).toContainText("Active");

    await openActions(page, "Suspend");
    const suspend = page.getByRole("dialog", { name: "Suspend tenant?" });
    await expect(suspend).toBeVisible();
    await suspend.getByLabel("Reason").fill("Payment overdue (e2e)");
    await page.screenshot({ path: test.info().outputPath("suspend-dialog.png") });
    await suspend.getByRole("button", { name: "Suspend tenant" }).click();
    await expect(suspend).toBeHidden();
    await expect(header(page)).toContainText("Suspended");
    await expect(page.getByText("Payment overdue (e2e)").first()).toBeVisible();

    await openActions(page, "Reactivate");
    const reactivate = page.getByRole("dialog", { name: "Reactivate tenant?" });
    await reactivate.getByRole("button", { name: "Reactivate tenant" }).click();
    await expect(reactivate).toBeHidden();
    await expect(header(page)).toContainText("Active");
    await expect(header(page)).not.toContainText("Suspended");
  });

  test("schedules deletion after typing the slug, then restores the tenant", async ({ page }) => {
    await page.goto(tenantPath);

    await openActions(page, "Delete tenant…");
    const dialog = page.getByRole("dialog", { name: "Delete tenant?" });
    await expect(dialog.getByLabel("Grace period (days)")).toHaveValue("7");
    const confirm = dialog.getByRole("button", { name: "Delete tenant" });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill("acme");
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel(/to confirm/).fill(slug);
    await dialog.getByLabel("Grace period (days)").fill("10");
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await expect(dialog).toBeHidden();

    await expect(header(page)).toContainText("Pending deletion");
    const banner = page.getByRole("status").filter({ hasText: "Scheduled for deletion" });
    await expect(banner).toBeVisible();
    const expected = new Date(Date.now() + 10 * 86_400_000).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
    await expect(page.getByTestId("final-deletion-date")).toContainText(expected);
    // A tenant awaiting deletion cannot be edited.
    await page.getByRole("tab", { name: "Settings" }).click();
    await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
    await expect(page.getByLabel("Tenant name")).toBeDisabled();
    await page.screenshot({ path: test.info().outputPath("pending-deletion.png"), fullPage: true });

    await banner.getByRole("button", { name: "Restore" }).click();
    await expect(header(page)).toContainText("Active");
    await expect(page.getByText("Scheduled for deletion")).toHaveCount(0);
    await expect(page.getByLabel("Tenant name")).toBeEnabled();
  });

  test("creates an API key that is shown once, then revokes it", async ({ page }) => {
    const keyName = `e2e-key-${suffix}`;
    await page.goto("/tenants");
    await page.getByRole("link", { name: "API keys" }).click();
    await page.getByRole("button", { name: "Create API key" }).click();

    const create = page.getByRole("dialog", { name: "Create API key" });
    await create.getByLabel("Name").fill(keyName);
    await create.getByRole("button", { name: "Full access" }).click();
    await expect(create.getByRole("checkbox", { name: /^tenants:read\b/ })).toBeChecked();
    await expect(create.getByRole("checkbox", { name: /^api_keys:manage\b/ })).toBeChecked();
    await create.getByRole("checkbox", { name: /^users:manage\b/ }).uncheck();
    await create.getByRole("button", { name: "Create key" }).click();

    const shown = page.getByRole("dialog", { name: "Copy your new API key" });
    await expect(shown).toBeVisible();
    await expect(shown.getByText("cannot show it again")).toBeVisible();
    await expect(shown.getByRole("button", { name: "Copy" })).toBeVisible();
    const secret = (await shown.getByTestId("new-api-key").textContent())!.trim();
    expect(secret).toMatch(/^atr_[A-Za-z0-9_-]{40,}$/);
    await page.screenshot({ path: test.info().outputPath("api-key-shown.png") });

    // The key works against the API until it is revoked.
    const ok = await page.request.get("/api/v1/tenants?page_size=1", { headers: { Authorization: `Bearer ${secret}` } });
    expect(ok.status()).toBe(200);

    await shown.getByRole("button", { name: "Done" }).click();
    await expect(shown).toBeHidden();
    const row = page.locator("tbody tr").filter({ hasText: keyName });
    await expect(row).toContainText("Active");
    await expect(row).toContainText(secret.slice(0, 12));
    await expect(row).not.toContainText("users:manage");
    await expect(page.getByText(secret)).toHaveCount(0);

    await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
    const revoke = page.getByRole("dialog", { name: "Revoke API key?" });
    await revoke.getByRole("button", { name: "Revoke key" }).click();
    await expect(revoke).toBeHidden();
    await expect(row).toContainText("Revoked");
    await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

    const refused = await page.request.get("/api/v1/tenants?page_size=1", { headers: { Authorization: `Bearer ${secret}` } });
    expect(refused.status()).toBe(401);
  });
});

test("an auditor sees tenants read-only, without create, edit or lifecycle controls", async ({ page }) => {
  await signIn(page, "auditor@atrium.local", STAFF_PASSWORD);
  await page.goto("/tenants?search=Acme");
  await expect(page.getByRole("link", { name: "Acme Corporation" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Create tenant" })).toHaveCount(0);

  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(header(page)).toContainText("Active");
  await expect(page.getByRole("heading", { name: "Usage history" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Tenant actions" })).toHaveCount(0);

  for (const tab of ["Settings", "Limits", "Features"]) {
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByText("Read-only: your role can view tenants but not change them.").first()).toBeVisible();
    await expect(page.getByRole("button", { name: /^(Save|Change plan)/ })).toHaveCount(0);
  }
  await expect(page.getByRole("switch", { name: "API access" })).toBeDisabled();

  // The suspended tenant offers the auditor no way to reactivate it either.
  await page.goto("/tenants?search=Initech");
  await page.getByRole("link", { name: "Initech" }).click();
  await expect(header(page)).toContainText("Suspended");
  await expect(page.getByRole("button", { name: "Reactivate" })).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("auditor-view.png"), fullPage: true });

  await page.goto("/tenants/new");
  await expect(page.getByText("You cannot create tenants")).toBeVisible();
  await expect(page.getByLabel("Tenant name")).toHaveCount(0);

  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByText("You don't have access to API keys")).toBeVisible();
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
});

test("signs out from the user menu", async ({ page }) => {
  await signIn(page);
  await page.getByRole("button", { name: "admin@atrium.local, account menu" }).click();
  await expect(page.getByRole("menu")).toContainText("Platform admin");
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/tenants");
  await expect(page).toHaveURL(/\/login/);
});
