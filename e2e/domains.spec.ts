import { expect, test, type Page } from "@playwright/test";
import { PORT, portalUrl, signIn, signInToPortal } from "./support/auth";
import { E2E_DOMAIN_SUFFIX, startE2eDns, type E2eDns } from "./support/dns";

// A custom domain end to end: added and verified in the portal against a DNS
// server this worker runs (the e2e web server asks it: DNS_SERVERS), then
// served by the app on its own host name (Chromium maps *.e2e-domain.test to
// loopback), and refused again once removed.

let dns: E2eDns;
test.beforeAll(async () => {
  dns = await startE2eDns();
});
test.afterAll(async () => {
  await dns?.close();
});

const domain = `portal-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.${E2E_DOMAIN_SUFFIX}`;
const rowOf = (page: Page, name: string) => page.getByTestId("domain-row").filter({ hasText: name });

async function openDomains(page: Page) {
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.getByRole("link", { name: "Domains", exact: true }).first().click();
  await expect(page).toHaveURL(portalUrl("acme", "/domains"));
  await expect(page.getByRole("heading", { name: "Domains", level: 1 })).toBeVisible();
}

// Acme stays in use by the other specs: never leave it with a stray primary domain.
test.afterEach(async ({ page }, info) => {
  if (info.status === info.expectedStatus) return;
  try {
    await page.goto(portalUrl("acme", "/domains"));
    const row = rowOf(page, domain);
    if (await row.count()) {
      await row.getByRole("button", { name: "Remove", exact: true }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Remove domain" }).click();
      await expect(row).toHaveCount(0);
    }
  } catch {
    // Best effort only: the test's own failure is what gets reported.
  }
});

test("a member adds a custom domain, verifies it through DNS, makes it primary, is served on it, and removes it", async ({ page, browser, request }) => {
  await openDomains(page);
  await expect(page.getByTestId("builtin-address")).toHaveText(`acme.localhost:${PORT}`);

  // Refused input is named under the field, not as a generic failure.
  const field = page.getByLabel("Domain", { exact: true });
  await field.fill("192.0.2.10");
  await page.getByRole("button", { name: "Add domain" }).click();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#add-domain-name-error")).toHaveText("IP addresses are not allowed; enter a domain name");

  // A pasted address is reduced to its host name.
  await field.fill(`https://${domain}/`);
  await page.getByRole("button", { name: "Add domain" }).click();
  const row = rowOf(page, domain);
  await expect(row).toHaveAttribute("data-status", "pending");
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
  await expect(row.getByText("Pending verification — checking every minute", { exact: true })).toBeVisible();
  const txtName = (await row.getByTestId("txt-record-name").textContent())!.trim();
  const txtValue = (await row.getByTestId("txt-record-value").textContent())!.trim();
  expect(txtName).toBe(`_atrium-challenge.${domain}`);
  expect(txtValue).toMatch(/^[0-9a-f]{40}$/);
  await expect(row.getByTestId("cname-record-value")).toHaveText("localhost");
  await page.screenshot({ path: "test-results/domains-pending.png", fullPage: true });

  // Not verified, so not served and no certificate.
  expect((await request.get(`/api/tls/ask?domain=${domain}`)).status()).toBe(404);

  await row.getByRole("button", { name: "Verify now" }).click();
  await expect(row.getByRole("alert")).toContainText(`No TXT record at ${txtName}`);
  // Not found yet, but the job keeps looking for a week: still pending, not a red "Failed".
  await expect(row).toHaveAttribute("data-status", "pending");
  await expect(row.getByText("Pending verification — checking every minute", { exact: true })).toBeVisible();
  await expect(row.getByText("Failed", { exact: true })).toHaveCount(0);

  dns.publishTxt(txtName, txtValue);
  await row.getByRole("button", { name: "Verify now" }).click();
  await expect(row).toHaveAttribute("data-status", "verified");
  await expect(row.getByRole("status").filter({ hasText: "now routes to this portal" })).toBeVisible();
  await expect(row.getByText("Verified", { exact: true }).first()).toBeVisible();
  await expect(row.getByTestId("txt-record-name")).toHaveCount(0);

  await row.getByRole("button", { name: "Make primary" }).click();
  await expect(row.getByText("Primary", { exact: true })).toBeVisible();
  await page.screenshot({ path: "test-results/domains-verified.png", fullPage: true });

  // The TLS proxy may now get a certificate for it, and only for it.
  await expect.poll(async () => (await request.get(`/api/tls/ask?domain=${domain}`)).status()).toBe(200);
  expect((await request.get(`/api/tls/ask?domain=unknown-${domain}`)).status()).toBe(404);

  // Anyone reaching the domain gets Acme's portal on it, with no redirect away.
  const visitor = await browser.newContext();
  try {
    const p = await visitor.newPage();
    const res = await p.goto(`http://${domain}:${PORT}/`);
    expect(res?.status()).toBe(200);
    await expect(p).toHaveURL(`http://${domain}:${PORT}/`);
    await expect(p.getByTestId("portal-company")).toHaveText("Acme Corporation");
    await expect(p.getByTestId("portal-home")).toContainText("Acme Corporation");
    await p.screenshot({ path: "test-results/domains-custom-host.png", fullPage: true });
  } finally {
    await visitor.close();
  }

  await row.getByRole("button", { name: "Remove", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Remove ${domain}?`);
  await dialog.getByRole("button", { name: "Remove domain" }).click();
  await expect(row).toHaveCount(0);
  await expect.poll(async () => (await request.get(`/api/tls/ask?domain=${domain}`)).status()).toBe(404);
});

test("platform staff manage the same domains from the console's Domains tab", async ({ page }) => {
  const name = `console-${Date.now().toString(36)}.${E2E_DOMAIN_SUFFIX}`;
  await signIn(page);
  await page.goto("/tenants?search=Acme");
  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(page.getByTestId("tenant-header")).toContainText("Acme Corporation");
  await page.getByRole("tab", { name: "Domains" }).click();
  await expect(page).toHaveURL(/\?tab=domains$/);
  await expect(page.getByTestId("builtin-address")).toHaveText(`acme.localhost:${PORT}`);

  await page.getByLabel("Domain", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Add domain" }).click();
  const row = rowOf(page, name);
  await expect(row).toHaveAttribute("data-status", "pending");
  await expect(row.getByTestId("txt-record-name")).toHaveText(`_atrium-challenge.${name}`);
  await page.screenshot({ path: "test-results/console-domains.png", fullPage: true });

  await row.getByRole("button", { name: "Remove", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Remove domain" }).click();
  await expect(row).toHaveCount(0);
});
