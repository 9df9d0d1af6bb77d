import { expect, test, type Page } from "@playwright/test";
import { portalUrl, signIn, signInToPortal } from "./support/auth";
import { E2E_DOMAIN_SUFFIX, startE2eDns, type E2eDns } from "./support/dns";
import { DESKTOP, PHONE } from "./support/layout";

// The ⌘K palette and the keyboard shortcuts: a tenant found by its custom
// domain and opened, a member's palette that never shows another tenant, and
// g t / ? / j, k, Enter on the tenants list.

const SHOTS = process.env.PALETTE_SHOTS_DIR;
const palette = (page: Page) => page.getByRole("dialog", { name: "Search and commands" });
const box = (page: Page) => palette(page).getByRole("combobox");
/** The header's palette button, once React has hydrated it (a click before that does nothing). */
async function paletteButton(page: Page) {
  const button = page.getByTestId("command-palette-button");
  await expect(button).toHaveAttribute("data-ready", "true");
  return button;
}

/** A same-origin JSON call with the signed-in console session (writes are Origin-checked, as the console's own fetches are). */
async function api(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, headers: { "Content-Type": "application/json", Accept: "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    },
    { method, path, body },
  );
}

// The custom domain is added and verified the real way: a TXT record on the DNS server this worker runs (the e2e web server asks it).
let dns: E2eDns;
test.beforeAll(async () => {
  dns = await startE2eDns();
});
test.afterAll(async () => {
  await dns?.close();
});

const domain = `shop-${Date.now().toString(36)}.${E2E_DOMAIN_SUFFIX}`;
// Globex is the seeded tenant other specs use as it was seeded: its extra domain goes again.
let added: { tenantId: string; domainId: string } | null = null;
test.afterEach(async ({ page }) => {
  if (added) await api(page, "DELETE", `/api/v1/tenants/${added.tenantId}/domains/${added.domainId}`);
  added = null;
});

test("⌘K finds a tenant by its custom domain and opens it; g t, ? and j/k/Enter work on the tenants list", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page);
  const tenants = await api(page, "GET", "/api/v1/tenants?search=globex");
  const tenantId = (tenants.json.data.tenants as { id: string; slug: string }[]).find((t) => t.slug === "globex")!.id;
  const configured = await api(page, "POST", `/api/v1/tenants/${tenantId}/domains`, { domains: [{ domain }] });
  expect(configured.status).toBe(201);
  const view = (configured.json.data.domains as { id: string; domain: string; verification: { host: string; value: string } }[]).find((d) => d.domain === domain)!;
  added = { tenantId, domainId: view.id };
  dns.publishTxt(view.verification.host, view.verification.value);
  const verified = await api(page, "POST", `/api/v1/tenants/${tenantId}/domains/${view.id}/verify`);
  expect(verified.json.data.domain.status).toBe("verified");
  await page.goto("/tenants");
  await expect(page.getByTestId("tenant-row").first()).toBeVisible();

  // The header button opens it, and Escape gives focus back to the button.
  const button = await paletteButton(page);
  await expect(button).toHaveAccessibleName("Search…");
  await button.click();
  await expect(box(page)).toBeFocused();
  await expect(palette(page).getByRole("option", { name: /Create tenant/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();
  await expect(button).toBeFocused();

  await page.keyboard.press("ControlOrMeta+k");
  await box(page).fill(domain);
  const hit = palette(page).getByRole("option", { name: /Globex Industries/ }).filter({ hasText: domain }).first();
  await expect(hit).toBeVisible();
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/palette-console-1440.png` });
  await hit.click();
  await expect(page).toHaveURL(/\/tenants\/[^/?]+$/);
  await expect(page.getByTestId("tenant-header")).toContainText("Globex Industries");

  // Opened items come first next time.
  await page.keyboard.press("ControlOrMeta+k");
  await expect(palette(page).getByRole("group", { name: "Recent" }).getByRole("option", { name: /Globex Industries/ })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(palette(page)).toBeHidden();

  // g t: back to the tenants list; ? lists the shortcuts.
  await page.locator("body").press("g");
  await page.locator("body").press("t");
  await expect(page).toHaveURL(/\/tenants$/);
  const rows = page.getByTestId("tenant-row");
  await expect(rows.first()).toBeVisible();
  await page.locator("body").press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help.getByText("Go to tenants")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // Typing in the list's search box is typing, not shortcuts; / puts the caret there.
  await page.locator("body").press("/");
  await expect(page.getByRole("searchbox").first()).toBeFocused();
  await page.keyboard.type("jk");
  await expect(rows.first()).not.toHaveAttribute("data-active");
  await page.getByRole("searchbox").first().fill("");
  await page.getByRole("searchbox").first().blur();

  // j, j, k: the second row, then the first; Enter opens it.
  await page.locator("body").press("j");
  await page.locator("body").press("j");
  await expect(rows.nth(1)).toHaveAttribute("data-active", "");
  await page.locator("body").press("k");
  await expect(rows.nth(0)).toHaveAttribute("data-active", "");
  const href = await rows.nth(0).getByRole("link").first().getAttribute("href");
  await page.locator("body").press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});

test("a member's palette searches their own organisation only, and fits a phone", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signInToPortal(page, "acme", "jane@acme.example");
  await (await paletteButton(page)).click();
  const searched = (q: string) => page.waitForResponse((r) => r.url().includes("/api/v1/search") && new URL(r.url()).searchParams.get("q") === q && r.status() === 200);

  // Another tenant's member: the search answers, and nothing of Globex is in it.
  const foreign = searched("hank@globex.example");
  await box(page).fill("hank@globex.example");
  const answer = await (await foreign).json();
  expect(JSON.stringify(answer)).not.toContain("globex");
  await expect(palette(page).getByText("Nothing found for “hank@globex.example”")).toBeVisible();

  const own = searched("mia@acme.example");
  await box(page).fill("mia@acme.example");
  await own;
  const mia = palette(page).getByRole("option", { name: /Mia Member/ });
  await expect(mia).toBeVisible();
  const { width } = (await palette(page).boundingBox())!;
  expect(width).toBeLessThanOrEqual(PHONE.width);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/palette-portal-390.png` });
  await mia.click();
  await expect(page).toHaveURL(portalUrl("acme", "/members"));
  await expect(page.getByRole("searchbox")).toHaveValue("mia@acme.example");

  // g m goes to Members from anywhere in the portal.
  await page.goto(portalUrl("acme", "/usage"));
  await page.locator("body").press("g");
  await page.locator("body").press("m");
  await expect(page).toHaveURL(portalUrl("acme", "/members"));
});
