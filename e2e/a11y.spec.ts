import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { portalUrl, signIn, signInToPortal } from "./support/auth";
import { DESKTOP } from "./support/layout";

// axe-core over every console and portal page at 1440×900: no serious or
// critical violations, and colour contrast again in the dark scheme (what
// prefers-color-scheme: dark gives without a choice). Each failure lists the
// rule, its help text and the offending elements, so the report says what to fix.

test.describe.configure({ timeout: 300_000 });
test.use({ viewport: DESKTOP });

async function expectAccessible(page: Page, name: string) {
  // Settle first, but boundedly: a page that keeps a request in flight (polling, a preview re-rendering)
  // never reaches "networkidle", and axe judges what is on screen either way.
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  // Legacy mode runs axe in the page itself; the default opens a second page per run to merge frame results, which this app (no iframes) does not need.
  const serious = (violations: Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"]) =>
    violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n    ")}`);
  const light = serious((await new AxeBuilder({ page }).setLegacyMode(true).analyze()).violations);
  expect(light, `${name}:\n  ${light.join("\n  ")}`).toEqual([]);
  // The dark scheme changes colours only: contrast is the one rule to run again.
  await page.emulateMedia({ colorScheme: "dark" });
  try {
    // Colours change through the components' colour transitions: measure once they have settled, not mid-way.
    await settled(page);
    const dark = serious((await new AxeBuilder({ page }).setLegacyMode(true).withRules(["color-contrast"]).analyze()).violations);
    expect(dark, `${name}, dark:\n  ${dark.join("\n  ")}`).toEqual([]);
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
    await settled(page);
  }
}

async function settled(page: Page) {
  // Transitions only: a spinner's endless animation never finishes.
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== "running"));
}

test("console login", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page, "console login");
});

test("console lists, forms and detail pages", async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId("tenant-row").first()).toBeVisible();
  await expectAccessible(page, "tenants list");

  await page.goto("/analytics");
  await expect(page.getByTestId("analytics-kpis")).toBeVisible();
  await expect(page.getByTestId("top-tenant-row").first()).toBeVisible();
  await expectAccessible(page, "analytics");
  await page.getByTestId("tenants-by-plan").getByTestId("chart-view-toggle").click();
  await expect(page.getByRole("table", { name: "Tenants by plan as a table" })).toBeVisible();
  await expectAccessible(page, "analytics, a chart as a table");

  await page.goto("/tenants/new");
  await expect(page.getByLabel("Tenant name")).toBeVisible();
  await expectAccessible(page, "new tenant");
  await page.getByLabel("Template", { exact: true }).selectOption({ index: 1 });
  await expect(page.getByTestId("template-summary")).toBeVisible();
  await expectAccessible(page, "new tenant from a template");

  await page.goto("/templates");
  await expect(page.getByTestId("template-row").first()).toBeVisible();
  await expectAccessible(page, "templates list");
  await page.goto("/templates/tpl_builtin_professional");
  await expect(page.getByRole("button", { name: "Save new version" })).toBeVisible();
  await expectAccessible(page, "template editor");
  await page.goto("/templates/new");
  await page.getByRole("button", { name: "Add role" }).click();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expectAccessible(page, "new template with a role and an endpoint");

  await page.goto("/users");
  await expect(page.getByTestId("user-row").first()).toBeVisible();
  await expectAccessible(page, "users list");
  await page.getByTestId("user-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/users\/[^/]+$/);
  await expect(page.getByRole("heading", { name: "Platform access" })).toBeVisible();
  await expectAccessible(page, "user detail");

  await page.goto("/api-keys");
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expectAccessible(page, "API keys");

  await page.goto("/outbox");
  await expect(page.getByTestId("mail-row").first()).toBeVisible();
  await expectAccessible(page, "outbox");

  await page.goto("/plans");
  await expect(page.getByTestId("plan-row").first()).toBeVisible();
  await expectAccessible(page, "plans");
  await page.getByRole("button", { name: "Edit Basic" }).click();
  await expect(page.getByTestId("plan-editor")).toBeVisible();
  await expectAccessible(page, "plan editor");
  await page.keyboard.press("Escape");

  await page.goto("/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expectAccessible(page, "platform webhooks");

  await page.goto("/migrations");
  await expect(page.getByTestId("migration-file-row").first()).toBeVisible();
  await page.getByRole("radio", { name: "Chosen tenants" }).check();
  await expect(page.getByRole("searchbox", { name: "Search active tenants" })).toBeVisible();
  await expectAccessible(page, "migrations");
  await page.getByRole("radio", { name: "All active tenants" }).check();
  await page.getByRole("button", { name: "Start dry run" }).click();
  await expect(page.getByTestId("fleet-run-progress")).toHaveAttribute("data-state", "succeeded", { timeout: 60_000 });
  await expectAccessible(page, "fleet migration run");
});

test("console tenant detail, every tab", async ({ page }) => {
  await signIn(page);
  await page.goto("/tenants?search=Acme");
  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(page.getByTestId("tenant-header")).toContainText("Acme Corporation");
  for (const tab of ["Overview", "Usage", "Billing", "Members", "Branding", "Domains", "Webhooks", "Settings", "Limits", "Features", "Database", "Backups", "Support access", "Audit"]) {
    await page.getByRole("tab", { name: tab }).click();
    await expect(page.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
    if (tab === "Members") await expect(page.getByTestId("member-row").first()).toBeVisible();
    if (tab === "Audit") await expect(page.getByTestId("audit-row").first()).toBeVisible();
    if (tab === "Usage") await expect(page.getByTestId("usage-chart-api_calls")).toBeVisible();
    if (tab === "Billing") await expect(page.getByTestId("current-plan")).toBeVisible();
    if (tab === "Limits") await expect(page.getByTestId("alert-thresholds-form")).toBeVisible();
    if (tab === "Database") await expect(page.getByTestId("database-table-row").first()).toBeVisible();
    if (tab === "Backups") await expect(page.getByRole("table", { name: "Backups" })).toBeVisible();
    await expectAccessible(page, `tenant detail: ${tab}`);
    if (tab === "Backups") {
      await page.getByRole("button", { name: "Back up now" }).click();
      await expect(page.getByRole("dialog", { name: "Back up now" })).toBeVisible();
      await expectAccessible(page, "back up now dialog");
      await page.keyboard.press("Escape");
    }
  }
});

test("tenant SQL console: results, plan, a rejected statement", async ({ page }) => {
  await signIn(page);
  await page.goto("/tenants?search=Acme");
  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await page.getByTestId("tenant-sql-link").click();
  const editor = page.getByTestId("sql-editor-input");
  await expect(editor).toBeVisible();
  await expectAccessible(page, "SQL console, empty");
  await editor.click();
  await page.keyboard.type("SELECT g AS n, NULL::text AS nothing FROM generate_series(1, 300) AS g");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("sql-result-summary")).toContainText("300 rows");
  await expectAccessible(page, "SQL console, results");
  await page.getByRole("tab", { name: "Plan" }).click();
  await expect(page.getByTestId("sql-plan")).toBeVisible();
  await expectAccessible(page, "SQL console, plan");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("SELECT * FROM pg_class");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("sql-error")).toBeVisible();
  await expectAccessible(page, "SQL console, rejected statement");
});

test("portal login", async ({ page }) => {
  await page.goto(portalUrl("acme", "/login"));
  await expectAccessible(page, "portal login");
});

test("portal pages", async ({ page }) => {
  await signInToPortal(page, "acme", "jane@acme.example");
  await expectAccessible(page, "portal overview");

  for (const [path, heading] of [
    ["/members", "Members"],
    ["/usage", "Usage"],
    ["/billing", "Billing"],
    ["/roles", "Roles"],
    ["/branding", "Branding"],
    ["/domains", "Domains"],
    ["/api-keys", "API keys"],
    ["/webhooks", "Webhooks"],
    ["/security/sso", "Single sign-on"],
    ["/security", "Security"],
  ] as const) {
    await page.goto(portalUrl("acme", path));
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    if (path === "/members") await expect(page.getByTestId("member-row").first()).toBeVisible();
    await expectAccessible(page, `portal ${heading}`);
  }
});

test("webhooks: add dialog, the secret shown once, an endpoint's page", async ({ page }) => {
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.goto(portalUrl("acme", "/webhooks"));
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("event-type-groups").or(dialog.getByText("All events (*)"))).toBeVisible();
  await dialog.getByRole("checkbox", { name: /All events/ }).uncheck();
  await expect(dialog.getByTestId("event-type-groups")).toBeVisible();
  await expectAccessible(page, "add endpoint dialog");
  await dialog.getByRole("checkbox", { name: /All events/ }).check();
  await dialog.getByLabel("Endpoint URL").fill("http://127.0.0.1:9/a11y");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByTestId("webhook-secret")).toBeVisible();
  await expectAccessible(page, "signing secret, shown once");
  await dialog.getByRole("button", { name: "Done" }).click();
  const detail = page.getByTestId("webhook-endpoint-detail");
  await expect(detail.getByRole("heading", { name: "http://127.0.0.1:9/a11y" })).toBeVisible();
  await expectAccessible(page, "endpoint detail");
  await detail.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(detail).toHaveCount(0);
});

test("audit log: console page, event panel, type picker; portal page and its upsell", async ({ page }) => {
  await signIn(page);
  await page.goto("/audit");
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await expectAccessible(page, "console audit");
  await page.getByTestId("audit-row").first().getByRole("button").first().click();
  await expect(page.getByTestId("audit-event-panel")).toBeVisible();
  await expectAccessible(page, "audit event panel");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: /Event types/ }).click();
  await expect(page.getByTestId("event-type-picker")).toBeVisible();
  await expectAccessible(page, "event type picker");

  await signInToPortal(page, "globex", "hank@globex.example");
  await page.goto(portalUrl("globex", "/audit-log"));
  await expect(page.getByTestId("audit-row").first()).toBeVisible();
  await expectAccessible(page, "portal audit log");

  // Acme is on the professional plan: the page says which plan has the audit log.
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.goto(portalUrl("acme", "/audit-log"));
  await expect(page.getByTestId("plan-upsell")).toBeVisible();
  await expectAccessible(page, "portal audit upsell");
});

test("notifications: the Broadcasts page, the bell's panel and the notifications pages (console and portal)", async ({ page }) => {
  await signIn(page);
  await page.goto("/broadcasts");
  await expect(page.getByTestId("audience-preview")).toContainText(/Reaches/);
  await page.getByRole("radio", { name: "Tenants matching a filter" }).check();
  await page.getByLabel("Type").selectOption("maintenance");
  await expect(page.getByLabel("Maintenance starts")).toBeVisible();
  await expectAccessible(page, "broadcasts");
  await page.getByTestId("notification-bell").click();
  await expect(page.getByRole("region", { name: "Notifications" })).toBeVisible();
  await expectAccessible(page, "console bell panel");
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expectAccessible(page, "console notifications");
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.goto(portalUrl("acme", "/notifications"));
  await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
  await expectAccessible(page, "portal notifications");
});

test("account security and two-factor enrolment", async ({ page }) => {
  await signIn(page);
  await page.goto("/account/security");
  await expect(page.getByRole("heading", { name: /Authenticator app/ })).toBeVisible();
  await expectAccessible(page, "account security");
  await page.goto("/account/security/enrol");
  await expect(page.getByTestId("totp-qr")).toBeVisible();
  await expectAccessible(page, "two-factor enrolment");
});

test("account sessions: console and portal, and the sign-out confirmations", async ({ page }) => {
  await signIn(page);
  await page.goto("/account/sessions");
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await expectAccessible(page, "console sessions");
  await page.getByTestId("session-row").first().getByRole("button", { name: /^Sign out/ }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectAccessible(page, "sign out this browser dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  await signInToPortal(page, "acme", "owner@acme.example");
  await page.goto(portalUrl("acme", "/account/sessions"));
  await expect(page.getByTestId("session-row").first()).toBeVisible();
  await expectAccessible(page, "portal sessions");
});

test("forgot and reset password pages (console and portal) and the Security page", async ({ page }) => {
  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expectAccessible(page, "console forgot password");
  await page.goto("/reset-password?token=not-a-real-token-but-long-enough");
  await expect(page.getByLabel("New password", { exact: true })).toBeVisible();
  await expectAccessible(page, "console reset password");
  await page.goto(portalUrl("acme", "/forgot-password"));
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expectAccessible(page, "portal forgot password");
  await page.goto(portalUrl("acme", "/reset-password"));
  await expectAccessible(page, "portal reset password without a token");
  await signIn(page);
  await page.goto("/security");
  await expect(page.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
  await expectAccessible(page, "security alerts");
});

test("command palette and keyboard shortcuts overlay, console and portal", async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId("command-palette-button")).toHaveAttribute("data-ready", "true");
  await page.keyboard.press("ControlOrMeta+k");
  const palette = page.getByRole("dialog", { name: "Search and commands" });
  await palette.getByRole("combobox").fill("acme");
  await expect(palette.getByRole("option", { name: /Acme Corporation/ }).first()).toBeVisible();
  await expectAccessible(page, "command palette with results");
  await page.keyboard.press("Escape");
  // Shortcuts stay quiet while a dialog is open: wait for the palette to close,
  // then leave the trigger the palette handed focus back to, as a reader of the page would.
  await expect(palette).toBeHidden();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const overlay = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  // The page may still be re-rendering after the palette closed (its listeners re-attach): press again until it answers.
  await expect(async () => {
    await page.keyboard.press("?");
    await expect(overlay).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expectAccessible(page, "keyboard shortcuts overlay");
  await page.keyboard.press("Escape");

  await signInToPortal(page, "acme", "jane@acme.example");
  await expect(page.getByTestId("command-palette-button")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("command-palette-button").click();
  await palette.getByRole("combobox").fill("mia");
  await expect(palette.getByRole("option", { name: /Mia Member/ })).toBeVisible();
  await expectAccessible(page, "portal command palette");
});
