import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { PORT, signIn } from "./support/auth";
import { pngBytes } from "../tests/support/branding-images";

// Console pages send the same nonce-based Content-Security-Policy as the portal,
// and everything on them still works under it: Next's scripts, Recharts, the
// sandboxed srcdoc previews (which inherit the policy) and the Outbox's mail view.

test.describe.configure({ mode: "serial", timeout: 120_000 });

const NONCE_POLICY = /script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/;
const origin = `http://localhost:${PORT}`;

/** Collects CSP violations from every frame: the browser's console reports and the main frame's events. */
function watchViolations(page: Page): () => Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|frame|connect)/i.test(m.text())) seen.push(m.text());
  });
  page.on("pageerror", (e) => seen.push(`pageerror: ${e.message}`));
  return async () => {
    const events = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []).catch(() => []);
    return [...seen, ...events];
  };
}

async function api(page: Page, method: string, path: string, body?: unknown, contentType = "application/json") {
  const res = await page.request.fetch(`${origin}${path}`, {
    method,
    headers: { Origin: origin, "Content-Type": contentType },
    data: body === undefined ? undefined : Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
  return { status: res.status(), json: await res.json() };
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp?: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp!.push(`${e.violatedDirective} blocked ${e.blockedURI}`));
  });
});

test("console pages carry the nonce policy and run under it: login, tenants, tenant overview and branding, outbox", async ({ page }) => {
  const violations = watchViolations(page);

  const login = await page.goto("/login");
  expect(login?.headers()["content-security-policy"]).toMatch(NONCE_POLICY);
  expect(login?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  // Next's own scripts carry this response's nonce.
  const nonce = login!.headers()["content-security-policy"].match(/'nonce-([^']+)'/)![1];
  expect(await page.locator("script[src]").first().evaluate((s: HTMLScriptElement) => s.nonce)).toBe(nonce);
  await signIn(page);

  // A tenant with an uploaded logo and one invitation, so the previews and the mail show an image.
  const slug = `e2e-csp-${randomBytes(3).toString("hex")}`;
  const created = await api(page, "POST", "/api/v1/tenants", { tenant: { name: "CSP Check Co", slug, plan: "professional", admin_user: { email: `owner@${slug}.test`, name: "Owner" } } });
  expect(created.status).toBe(201);
  const id = created.json.data.tenant.id as string;
  const logo = await api(page, "POST", `/api/v1/tenants/${id}/branding/logo`, pngBytes(96, 48, 40), "image/png");
  expect(logo.status).toBe(201);
  expect((await api(page, "PUT", `/api/v1/tenants/${id}/branding`, { logo_url: logo.json.data.asset.url, primary_color: "#0f766e" })).status).toBe(200);
  const invitee = `csp-${randomBytes(3).toString("hex")}@example.com`;
  expect((await api(page, "POST", `/api/v1/tenants/${id}/users/invite`, { emails: [invitee], role: "member" })).status).toBeLessThan(300);

  for (const path of ["/tenants", `/tenants/${id}`, "/outbox"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    expect(res?.headers()["content-security-policy"], path).toMatch(NONCE_POLICY);
  }

  // The overview's usage chart (Recharts) renders: Acme has 90 days of seeded usage.
  const acme = (await api(page, "GET", "/api/v1/tenants?search=acme")).json.data.tenants.find((t: { slug: string }) => t.slug === "acme");
  await page.goto(`/tenants/${acme.id}`);
  await expect(page.locator(".recharts-surface").first()).toBeVisible();
  await expect(page.locator(".recharts-surface path").first()).toBeAttached();

  // The branding tab: both sandboxed previews render, the logo included.
  await page.goto(`/tenants/${id}?tab=branding`);
  const portalPreview = page.frameLocator('[data-testid="portal-preview"]');
  await expect(portalPreview.locator("img.portal-logo")).toBeVisible();
  await expect.poll(() => portalPreview.locator("img.portal-logo").evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);
  const emailPreview = page.frameLocator('[data-testid="email-preview"]');
  await expect(emailPreview.locator("img").first()).toBeVisible();
  await expect.poll(() => emailPreview.locator("img").first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);

  // The Outbox's mail view shows the invitation in its sandbox, logo included.
  await page.goto("/outbox");
  await page.getByRole("row").filter({ hasText: invitee }).first().getByRole("link").first().click();
  const mail = page.frameLocator("iframe[sandbox]");
  await expect(mail.getByRole("heading", { name: "Join CSP Check Co" })).toBeVisible();
  await expect.poll(() => mail.locator("img").first().evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(96);

  // A console 404 runs under the policy too (its scripts carry the nonce).
  const missing = await page.goto("/no-such-page");
  expect(missing?.status()).toBe(404);
  const missingNonce = missing!.headers()["content-security-policy"].match(/'nonce-([^']+)'/)![1];
  expect(await page.locator("script[src]").first().evaluate((s: HTMLScriptElement) => s.nonce)).toBe(missingNonce);

  expect(await violations()).toEqual([]);
});
