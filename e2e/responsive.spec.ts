import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { portalUrl, signIn, signInToPortal } from "./support/auth";
import { DESKTOP, expectInViewport, expectNoPageOverflow, PHONE, textContrast } from "./support/layout";

// Phones and small screens: navigation drawers, list cards, tabs on a phone,
// dialog footers, and readable helper text, at 390×844 and 1440×900.

test.describe.configure({ timeout: 120_000 });

const menuButton = (page: Page) => page.getByRole("button", { name: "Menu", exact: true });
const drawer = (page: Page) => page.getByTestId("nav-drawer");

/** Opens the drawer, checks Tab cannot leave it and Escape gives focus back to the menu button. */
async function checkDrawer(page: Page, navName: string, links: string[]) {
  await expect(page.getByRole("navigation", { name: navName })).toBeHidden();
  await menuButton(page).click();
  await expect(drawer(page)).toBeVisible();
  const nav = drawer(page).getByRole("navigation", { name: navName });
  await expect(nav.getByRole("link")).toHaveText(links);
  // Every focusable element in the drawer, then a few more presses: focus never leaves it.
  for (let i = 0; i < links.length + 4; i++) {
    await page.keyboard.press("Tab");
    expect(await drawer(page).evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Shift+Tab");
  expect(await drawer(page).evaluate((d) => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press("Escape");
  await expect(drawer(page)).toBeHidden();
  await expect(menuButton(page)).toBeFocused();
}

test.describe("console", () => {
  test.beforeEach(async ({ page }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page);
  });

  test("the top nav is a row of its own from 1024 up, each link on one line, the header's tools beside the logo; a menu button below", async ({ page }) => {
    const sections = ["Tenants", "Templates", "Analytics", "Plans", "Users", "API keys", "Audit", "Security", "Webhooks", "Migrations", "Broadcasts", "Outbox"];
    for (const width of [1440, 1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      const links = page.getByRole("navigation", { name: "Console" }).getByRole("link");
      await expect(links).toHaveText(sections);
      const boxes = await links.evaluateAll((els) => els.map((el) => ({ top: el.getBoundingClientRect().top, h: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight), pad: parseFloat(getComputedStyle(el).paddingTop) + parseFloat(getComputedStyle(el).paddingBottom), clipped: el.scrollWidth > el.clientWidth })));
      for (const b of boxes) {
        expect(b.h, `a nav link wraps at ${width}px`).toBeLessThanOrEqual(b.line + b.pad + 1);
        expect(b.clipped).toBe(false);
      }
      expect(new Set(boxes.map((b) => Math.round(b.top))).size, `the links take one row at ${width}px`).toBe(1);
      await expect(menuButton(page)).toBeHidden();
      await expect(page.getByRole("button", { name: /account menu/ })).toBeInViewport();
      await expect(page.getByRole("button", { name: /^Theme:/ })).toBeInViewport();
      await expectNoPageOverflow(page);
    }
    await page.setViewportSize({ width: 800, height: 900 });
    await expect(page.getByRole("navigation", { name: "Console" })).toBeHidden();
    await expect(menuButton(page)).toBeVisible();
    await expectNoPageOverflow(page);
  });

  test("on a phone the nav is a drawer: focus stays inside, Escape closes, a link navigates and closes it", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/tenants");
    await checkDrawer(page, "Console", ["Tenants", "Templates", "Analytics", "Plans", "Users", "API keys", "Audit", "Security", "Webhooks", "Migrations", "Broadcasts", "Outbox"]);
    await menuButton(page).click();
    await drawer(page).getByRole("link", { name: "Users" }).click();
    await expect(page).toHaveURL(/\/users$/);
    await expect(drawer(page)).toBeHidden();
    await expect(page.getByTestId("user-row-card").first()).toBeVisible();
    await expectNoPageOverflow(page);
  });

  test("tenant detail: every tab is reachable on a phone; all tabs show at 1440", async ({ page }) => {
    await page.goto("/tenants?search=Acme");
    await page.getByRole("link", { name: "Acme Corporation" }).click();
    await expect(page.getByTestId("tenant-header")).toContainText("Acme Corporation");
    for (const name of ["Overview", "Usage", "Billing", "Members", "Branding", "Domains", "Security", "SSO", "Webhooks", "Settings", "Limits", "Features", "Database", "Backups", "Support access", "Audit"]) await expect(page.getByRole("tab", { name })).toBeInViewport();

    await page.setViewportSize(PHONE);
    const sections = page.getByRole("combobox", { name: "Tenant sections" });
    await expect(sections).toBeVisible();
    await expect(sections.locator("option")).toHaveText(["Overview", "Usage", "Billing", "Members", "Branding", "Domains", "Security", "SSO", "Webhooks", "Settings", "Limits", "Features", "Database", "Backups", "Support access", "Audit"]);
    await sections.selectOption({ label: "Features" });
    await expect(page).toHaveURL(/tab=features/);
    await expect(page.getByRole("switch").first()).toBeVisible();
    await sections.selectOption({ label: "Settings" });
    await expect(page.getByLabel("Timezone")).toBeVisible();
    await expectNoPageOverflow(page);
  });

  test("Analytics: figures, charts and lists fit a phone and the desktop; the top tenants are cards on a phone", async ({ page }) => {
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.goto("/analytics");
      await expect(page.getByTestId("analytics-kpis")).toBeVisible();
      const phone = size === PHONE;
      await expect((phone ? page.getByTestId("top-tenant-row-card") : page.getByTestId("top-tenant-row")).first()).toBeVisible();
      await expect((phone ? page.getByTestId("top-tenant-row") : page.getByTestId("top-tenant-row-card")).first()).toBeHidden();
      for (const id of ["growth-chart", "tenants-by-plan", "tenants-by-status", "health-distribution"]) {
        const box = await page.getByTestId(id).boundingBox();
        expect(box!.x + box!.width, `${id} at ${size.width}`).toBeLessThanOrEqual(size.width);
      }
      await expectNoPageOverflow(page);
    }
  });

  test("every console list is cards on a phone and a table at 1440, and the page never scrolls sideways", async ({ page }) => {
    const membersTab = async (p: Page) => {
      await p.getByRole("link", { name: "Acme Corporation" }).first().click();
      await p.getByTestId("tenant-header").waitFor();
      if (await p.getByRole("tab", { name: "Members" }).isVisible()) await p.getByRole("tab", { name: "Members" }).click();
      else await p.getByRole("combobox", { name: "Tenant sections" }).selectOption({ label: "Members" });
    };
    const lists: { path: string; testId: string; before?: (p: Page) => Promise<void> }[] = [
      { path: "/tenants", testId: "tenant-row" },
      { path: "/users", testId: "user-row" },
      { path: "/outbox", testId: "mail-row" },
      { path: "/templates", testId: "template-row" },
      { path: "/tenants?search=Acme", testId: "member-row", before: membersTab },
      { path: "/tenants?search=Acme", testId: "invitation-row", before: membersTab },
    ];
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      for (const l of lists) {
        await page.goto(l.path);
        await l.before?.(page);
        const phone = size === PHONE;
        const cards = page.getByTestId(`${l.testId}-card`);
        const rows = page.getByTestId(l.testId);
        await expect(phone ? cards.first() : rows.first(), `${l.testId} at ${size.width}`).toBeVisible();
        await expect(phone ? rows.first() : cards.first()).toBeHidden();
        await expectNoPageOverflow(page);
      }
    }
  });

  test("Broadcasts and the notification bell's panel fit a phone and the desktop", async ({ page }) => {
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.goto("/broadcasts");
      await page.getByRole("radio", { name: "Tenants matching a filter" }).check();
      await expect(page.getByTestId("audience-preview")).toContainText(/Reaches/);
      await expectNoPageOverflow(page);
      await page.getByTestId("notification-bell").click();
      await expectInViewport(page, page.getByRole("region", { name: "Notifications" }));
      await page.keyboard.press("Escape");
      await expect(page.getByRole("region", { name: "Notifications" })).toBeHidden();
      await expect(page.getByTestId("notification-bell")).toBeFocused();
    }
  });

  test("the Audit page is cards on a phone and a table at 1440; its event panel fills a phone's screen", async ({ page }) => {
    for (const size of [PHONE, DESKTOP]) {
      await page.setViewportSize(size);
      await page.goto("/audit");
      const phone = size === PHONE;
      const row = (phone ? page.getByTestId("audit-row-card") : page.getByTestId("audit-row")).first();
      await expect(row).toBeVisible();
      await expect((phone ? page.getByTestId("audit-row") : page.getByTestId("audit-row-card")).first()).toBeHidden();
      await expectNoPageOverflow(page);
      await row.getByRole("button").first().click();
      const panel = page.getByTestId("audit-event-panel");
      await expect(panel).toBeVisible();
      const box = (await panel.boundingBox())!;
      if (phone) expect(box.width).toBe(PHONE.width);
      else expect(box.x + box.width).toBe(DESKTOP.width);
      await expectInViewport(page, panel.getByRole("button", { name: "Close", exact: true }));
      await page.keyboard.press("Escape");
      await expect(panel).toBeHidden();
    }
  });

  test("the tenant list prefetches no tenant page until a row link is pointed at", async ({ page }) => {
    const prefetched: string[] = [];
    page.on("request", (r) => {
      if (/\/tenants\/tenant_/.test(new URL(r.url()).pathname)) prefetched.push(r.url());
    });
    await page.goto("/tenants");
    await expect(page.getByTestId("tenant-row").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1000);
    expect(prefetched).toEqual([]);
    await page.getByTestId("tenant-row").first().getByRole("link").first().hover();
    await expect.poll(() => prefetched.length).toBeGreaterThan(0);
  });

  test("the Create API key dialog keeps its footer on screen at 390×640 and 1440×900; API keys are cards on a phone", async ({ page }) => {
    for (const size of [{ width: 390, height: 640 }, DESKTOP]) {
      await page.setViewportSize(size);
      await page.goto("/api-keys");
      await page.getByRole("button", { name: "Create API key" }).click();
      const dialog = page.getByRole("dialog", { name: "Create API key" });
      await expectInViewport(page, dialog.getByRole("button", { name: "Create key" }));
      await expectInViewport(page, dialog.getByRole("button", { name: "Cancel" }));
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
    }
    await page.setViewportSize(PHONE);
    await page.getByRole("button", { name: "Create API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await dialog.getByLabel("Name", { exact: true }).fill(`phone-${randomBytes(3).toString("hex")}`);
    const first = dialog.getByRole("checkbox").first();
    if (!(await first.isChecked())) await first.check();
    await dialog.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("api-key-row-card").first()).toBeVisible();
    await expectNoPageOverflow(page);
  });

  test("grey helper text reads at 4.5:1 or better", async ({ page }) => {
    await page.goto("/tenants/new");
    expect(await textContrast(page.getByText("optional", { exact: true }).first())).toBeGreaterThanOrEqual(4.5);

    await page.goto("/users?platform_role=none");
    const row = page.getByTestId("user-row").first();
    expect(await textContrast(row.getByText("None", { exact: true }))).toBeGreaterThanOrEqual(4.5);
    expect(await textContrast(row.locator("td").last())).toBeGreaterThanOrEqual(4.5);

    await page.goto("/outbox");
    expect(await textContrast(page.getByTestId("mail-row").first().locator("time"))).toBeGreaterThanOrEqual(4.5);

    await page.goto(portalUrl("acme"));
    expect(await textContrast(page.getByText("Powered by Atrium"))).toBeGreaterThanOrEqual(4.5);
  });
});

test.describe("portal", () => {
  test("on a phone the nav is a drawer (focus trapped, Escape closes); at 1440 it is a row of links", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signInToPortal(page, "acme", "jane@acme.example");
    const sections = ["Overview", "Members", "Usage", "Billing", "Roles", "Branding", "Domains", "API keys", "Audit log", "Webhooks", "Security"];
    await checkDrawer(page, "Portal", sections);
    await menuButton(page).click();
    await drawer(page).getByRole("link", { name: "Members" }).click();
    await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
    await expect(drawer(page)).toBeHidden();
    await expect(page.getByTestId("invitation-row-card").first()).toBeVisible();
    await expectNoPageOverflow(page);

    await page.setViewportSize(DESKTOP);
    await expect(menuButton(page)).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link")).toHaveText(sections);
  });

  test("the portal's Audit log is cards on a phone, and the upsell fits", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await signInToPortal(page, "globex", "hank@globex.example");
    await page.goto(portalUrl("globex", "/audit-log"));
    await expect(page.getByTestId("audit-row-card").first()).toBeVisible();
    await expectNoPageOverflow(page);
    await signInToPortal(page, "acme", "jane@acme.example");
    await page.goto(portalUrl("acme", "/audit-log"));
    await expect(page.getByTestId("plan-upsell")).toBeVisible();
    await expectNoPageOverflow(page);
  });

  test("the portal's Create API key footer stays on screen, and its keys are cards on a phone", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 640 });
    await signInToPortal(page, "acme", "jane@acme.example");
    await page.goto(portalUrl("acme", "/api-keys"));
    await page.getByRole("button", { name: "Create API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await expectInViewport(page, dialog.getByRole("button", { name: "Create key" }));
    await dialog.getByLabel("Name", { exact: true }).fill(`portal-phone-${randomBytes(3).toString("hex")}`);
    const first = dialog.getByRole("checkbox").first();
    if (!(await first.isChecked())) await first.check();
    await dialog.getByRole("button", { name: "Create key" }).click();
    await page.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();
    await expect(page.getByTestId("api-key-row-card").first()).toBeVisible();
    await expectNoPageOverflow(page);

    await page.setViewportSize(DESKTOP);
    await page.getByRole("button", { name: "Create API key" }).click();
    await expectInViewport(page, page.getByRole("dialog", { name: "Create API key" }).getByRole("button", { name: "Create key" }));
  });

  test("Webhooks: the add dialog's footer stays on screen; endpoints are cards on a phone; an endpoint's page never scrolls sideways", async ({ page }) => {
    const url = `http://127.0.0.1:9/responsive-${randomBytes(3).toString("hex")}`;
    await page.setViewportSize({ width: 390, height: 640 });
    await signInToPortal(page, "acme", "jane@acme.example");
    await page.goto(portalUrl("acme", "/webhooks"));
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const dialog = page.getByRole("dialog", { name: "Add endpoint" });
    await dialog.getByRole("checkbox", { name: /All events/ }).uncheck();
    await expect(dialog.getByTestId("event-type-groups")).toBeVisible();
    await expectInViewport(page, dialog.getByRole("button", { name: "Add endpoint" }));
    await expectInViewport(page, dialog.getByRole("button", { name: "Cancel" }));
    await dialog.getByRole("checkbox", { name: /All events/ }).check();
    await dialog.getByLabel("Endpoint URL").fill(url);
    await dialog.getByRole("button", { name: "Add endpoint" }).click();
    const secret = page.getByRole("dialog", { name: "Copy the signing secret" });
    await expectInViewport(page, secret.getByRole("button", { name: "Done" }));
    await expectNoPageOverflow(page);
    await secret.getByRole("button", { name: "Done" }).click();
    const detail = page.getByTestId("webhook-endpoint-detail");
    await expect(detail.getByRole("heading", { name: url })).toBeVisible();
    await expectNoPageOverflow(page);
    await detail.getByRole("button", { name: "All endpoints" }).click();
    await expect(page.getByTestId("webhook-endpoint-row-card").filter({ hasText: url })).toBeVisible();
    await expect(page.getByTestId("webhook-endpoint-row").first()).toBeHidden();
    await expectNoPageOverflow(page);

    await page.setViewportSize(DESKTOP);
    await expect(page.getByTestId("webhook-endpoint-row").filter({ hasText: url })).toBeVisible();
    await page.getByTestId("webhook-endpoint-row").filter({ hasText: url }).getByRole("button", { name: url }).click();
    await detail.getByRole("button", { name: "Delete", exact: true }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
    await expect(page.getByTestId("webhook-endpoint-row").filter({ hasText: url })).toHaveCount(0);
  });
});
