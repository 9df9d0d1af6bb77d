import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PORT, signIn, signInToPortal } from "./support/auth";

// Issue 11 §2: a limits check that finds a threshold crossed leaves an in-app
// notice: a banner in the portal (members with usage:read) and on the console
// tenant page; a tenant admin dismisses it for everyone.

const SHOTS = "/tmp/limits-shots";
const origin = `http://localhost:${PORT}`;
const DEFAULTS = { warning_percent: 80, critical_percent: 95, exceeded_percent: 100, overrides: {} };

/** No serious or critical axe violation with the banner on the page (as e2e/a11y.spec.ts judges every page). */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function acmeId(request: APIRequestContext): Promise<string> {
  const res = await request.get("/api/v1/tenants?search=acme&page_size=5");
  expect(res.status()).toBe(200);
  const { data } = await res.json();
  return data.tenants.find((t: { slug: string }) => t.slug === "acme").id;
}

test("a crossed threshold shows a notice banner in the portal and the console, and a tenant admin dismisses it", async ({ page, browser }) => {
  test.setTimeout(120_000);
  mkdirSync(SHOTS, { recursive: true });
  await signIn(page);
  const id = await acmeId(page.request);
  const put = (body: unknown) => page.request.put(`/api/v1/tenants/${id}/alert-thresholds`, { headers: { origin }, data: body });
  // Thresholds low enough that Acme's handful of members is "critical" (and never "exceeded": nothing is enforced).
  expect((await put({ ...DEFAULTS, overrides: { user_count: { warning_percent: 1, critical_percent: 2, exceeded_percent: 999 } } })).status()).toBe(200);
  try {
    const check = await page.request.post(`/api/v1/tenants/${id}/limits/check`, { headers: { origin }, data: { check_types: ["user_count"], notifications: ["in_app"] } });
    expect(check.status()).toBe(200);
    const result = (await check.json()).data;
    expect(result.limits_status[0]).toMatchObject({ resource: "user_count", alert_level: "critical", status: "warning" });

    // The console's tenant page shows it under the header.
    await page.goto(`/tenants/${id}`);
    const consoleBanner = page.getByTestId("limit-notices");
    await expect(consoleBanner).toContainText("Close to a limit");
    await expect(consoleBanner).toContainText(/Users: [\d.]+% of the limit/);
    for (const [w, h] of [[1440, 900], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: `${SHOTS}/console-tenant-notice-${w}.png` });
    }
    // Judged at the desktop size, as e2e/a11y.spec.ts does (the console header's logo link has no name at 390 px: not this banner's).
    await page.setViewportSize({ width: 1440, height: 900 });
    await expectAccessible(page);

    // A tenant admin sees it in the portal, on every page, and dismisses it.
    const ctx = await browser.newContext();
    const jane = await ctx.newPage();
    await signInToPortal(jane, "acme", "jane@acme.example");
    const banner = jane.getByTestId("limit-notices");
    await expect(banner.getByRole("status").filter({ hasText: "Users:" })).toBeVisible();
    for (const [w, h] of [[1440, 900], [390, 844]] as const) {
      await jane.setViewportSize({ width: w, height: h });
      await jane.screenshot({ path: `${SHOTS}/portal-notice-${w}.png` });
    }
    await expectAccessible(jane);
    await jane.setViewportSize({ width: 1440, height: 900 });
    await expectAccessible(jane);
    const dismiss = banner.getByRole("button", { name: /^Dismiss: Users:/ }).first();
    await dismiss.focus();
    await jane.keyboard.press("Enter");
    await expect(banner).toHaveCount(0);
    await jane.reload();
    await expect(jane.getByTestId("limit-notices")).toHaveCount(0);
    await ctx.close();

    // Dismissed for everyone: the console no longer shows it either.
    await page.reload();
    await expect(page.getByTestId("limit-notices")).toHaveCount(0);
  } finally {
    await put(DEFAULTS);
    // Back at the defaults, the next check forgets the crossing (no notice is left for other specs).
    await page.request.post(`/api/v1/tenants/${id}/limits/check`, { headers: { origin }, data: { check_types: ["user_count"], notifications: [] } });
  }
});

test("a member without settings:update sees the banner without a Dismiss button", async ({ page, browser }) => {
  await signIn(page);
  const id = await acmeId(page.request);
  const put = (body: unknown) => page.request.put(`/api/v1/tenants/${id}/alert-thresholds`, { headers: { origin }, data: body });
  expect((await put({ ...DEFAULTS, overrides: { user_count: { warning_percent: 1, critical_percent: 998, exceeded_percent: 999 } } })).status()).toBe(200);
  try {
    expect((await page.request.post(`/api/v1/tenants/${id}/limits/check`, { headers: { origin }, data: { check_types: ["user_count"], notifications: ["in_app"] } })).status()).toBe(200);
    const ctx = await browser.newContext();
    const mia = await ctx.newPage();
    await signInToPortal(mia, "acme", "mia@acme.example");
    const banner = mia.getByTestId("limit-notices");
    await expect(banner).toContainText("Approaching a limit");
    await expect(banner.getByRole("button", { name: /Dismiss/ })).toHaveCount(0);
    await ctx.close();

    // The console's Settings tab holds the tenant's auto_enforce switch.
    await page.goto(`/tenants/${id}?tab=settings`);
    const toggle = page.getByRole("switch", { name: "Enforce limits automatically" });
    await expect(toggle).toHaveAttribute("aria-checked", "true");
    await toggle.scrollIntoViewIfNeeded();
    for (const [w, h] of [[1440, 900], [390, 844]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await toggle.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/console-settings-auto-enforce-${w}.png` });
    }
  } finally {
    await put(DEFAULTS);
    await page.request.post(`/api/v1/tenants/${id}/limits/check`, { headers: { origin }, data: { check_types: ["user_count"], notifications: [] } });
    // Leave no notice behind for the other specs' pages.
    const list = await page.request.get(`/api/v1/tenants/${id}/notices`);
    for (const n of (await list.json()).data.notices) await page.request.post(`/api/v1/tenants/${id}/notices/${n.id}/dismiss`, { headers: { origin } });
  }
});
