import AxeBuilder from "@axe-core/playwright";
import { request as httpRequest } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { PORT, portalUrl, signIn, signInToPortal } from "./support/auth";
import { E2E_DOMAIN_SUFFIX, startE2eDns, type E2eDns } from "./support/dns";
import { POLICY_VISITOR_PASSWORD } from "./support/secrets";

// The tenant security policy end to end (issue 13 §4): a tenant admin keeps
// their own address in the IP allowlist (the browser connects from
// loopback), tenant keys obey the list whatever X-Forwarded-For claims (the
// e2e server trusts no proxy: TRUSTED_PROXY_COUNT=0), a portal outside the
// list explains itself, and a verified email domain captures a sign-up
// through the link in the Outbox.

test.describe.configure({ timeout: 180_000 });

type Envelope<T> = { data: T };
let dns: E2eDns;
let acmeId = "";

test.beforeAll(async () => {
  dns = await startE2eDns();
});
test.afterAll(async () => {
  await dns?.close();
});

async function acme(page: Page): Promise<string> {
  if (acmeId) return acmeId;
  const res = await page.request.get("/api/v1/tenants?search=acme");
  acmeId = ((await res.json()) as Envelope<{ tenants: { id: string; slug: string }[] }>).data.tenants.find((t) => t.slug === "acme")!.id;
  return acmeId;
}

/** As signed-in staff on the console: Acme must not be left with a policy the other specs would trip over. */
async function resetPolicy(page: Page, baseURL: string) {
  const res = await page.request.put(`/api/v1/tenants/${await acme(page)}/security`, { data: { ip_allowlist: [] }, headers: { Origin: baseURL } });
  expect(res.status(), await res.text()).toBe(200);
}

async function noSeriousAxeViolations(page: Page, name: string) {
  await page.waitForLoadState("networkidle", { timeout: 10_000 }).catch(() => undefined);
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, name).toEqual([]);
}

/** The tenant API on Acme's host, from 127.0.0.1, with a Bearer key and whatever X-Forwarded-For a client may claim (raw HTTP: fetch would not let us set Host). */
function usageWithKey(key: string, forwardedFor: string): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port: PORT, path: `/api/v1/tenants/${acmeId}/usage`, headers: { host: `acme.localhost:${PORT}`, authorization: `Bearer ${key}`, "x-forwarded-for": forwardedFor } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { error?: { code: string; message: string } } }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

test("IP allowlist: the admin's own address must stay in; keys and the portal obey the list; a spoofed X-Forwarded-For changes nothing", async ({ page, browser, baseURL }) => {
  await signIn(page);
  const id = await acme(page);
  try {
    const created = await page.request.post(`/api/v1/tenants/${id}/api-keys`, { data: { name: `allowlist-e2e-${Date.now()}`, permissions: ["usage:read"] }, headers: { Origin: baseURL! } });
    expect(created.status(), await created.text()).toBe(201);
    const key = ((await created.json()) as Envelope<{ key: string }>).data.key;

    // Jane, an admin of Acme, on the portal's Security page (server-rendered, no spinner).
    const portal = await (await browser.newContext()).newPage();
    await signInToPortal(portal, "acme", "jane@acme.example");
    await portal.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Security" }).click();
    await expect(portal.getByRole("heading", { name: "Security", level: 1 })).toBeVisible();
    // Loopback, over IPv4 or IPv6 as Chromium chose for "localhost".
    await expect(portal.getByTestId("your-ip")).toHaveText(/^(127\.0\.0\.1|::1)$/);
    const myIp = (await portal.getByTestId("your-ip").textContent())!;
    await noSeriousAxeViolations(portal, "portal security page");

    const allowlist = portal.getByLabel("IP allowlist");
    await allowlist.fill("198.51.100.0/24");
    await portal.getByRole("button", { name: "Save policy" }).click();
    await expect(portal.getByTestId("security-save-error")).toHaveText("Not saved: correct the fields marked in red.");
    await expect(portal.getByText(`Your current address ${myIp} must be inside the list`)).toBeVisible();

    // By keyboard: the textarea, then Save.
    await allowlist.fill("127.0.0.1\n::1\n198.51.100.0/24");
    await portal.getByRole("button", { name: "Save policy" }).focus();
    await portal.keyboard.press("Enter");
    await expect(portal.getByText("Security policy saved")).toBeVisible();
    await expect(allowlist).toHaveValue("127.0.0.1/32\n::1/128\n198.51.100.0/24");

    // The key connects from loopback (listed); what X-Forwarded-For claims is dropped by the server without trusted proxies.
    expect((await usageWithKey(key, "203.0.113.9")).status).toBe(200);

    // Staff, who never sign in on the portal, may leave loopback out: the console warns them.
    await page.goto(`/tenants/${id}?tab=security`);
    await expect(page.getByRole("tab", { name: "Security", selected: true })).toBeVisible();
    await page.getByLabel("IP allowlist").fill("198.51.100.0/24");
    await expect(page.getByText("Check the list covers the tenant's networks")).toBeVisible();
    await page.getByRole("button", { name: "Save policy" }).click();
    await expect(page.getByText("Security policy saved")).toBeVisible();

    // Now a key from loopback is refused, even claiming a listed address.
    const refused = await usageWithKey(key, "198.51.100.5");
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "ip_not_allowed", message: expect.stringContaining("127.0.0.1") });

    // The portal says why, instead of sending Jane round through sign-in.
    await portal.goto(portalUrl("acme", "/members"));
    await expect(portal).toHaveURL(portalUrl("acme", "/network-not-allowed"));
    await expect(portal.getByTestId("network-not-allowed")).toContainText(myIp);
    await noSeriousAxeViolations(portal, "network not allowed page");
  } finally {
    await resetPolicy(page, baseURL!);
  }
});

test("domain capture: a verified email domain lets a new person sign up through the Outbox link and join as the chosen role", async ({ page, browser, baseURL }) => {
  await signIn(page);
  const id = await acme(page);
  const domain = `capture-${Date.now().toString(36)}.${E2E_DOMAIN_SUFFIX}`;
  const email = `newcomer@${domain}`;
  const portal = await (await browser.newContext()).newPage();
  try {
    await signInToPortal(portal, "acme", "jane@acme.example");
    await portal.goto(portalUrl("acme", "/security"));
    await portal.getByLabel("Add an email domain").fill(domain);
    await portal.getByRole("button", { name: "Add domain" }).click();
    const row = portal.getByTestId("email-domain-row").filter({ hasText: domain }).first();
    await expect(row).toContainText("Pending");
    await expect(row).toContainText(`_atrium-challenge.${domain}`);

    const listed = await page.request.get(`/api/v1/tenants/${id}/security/email-domains`);
    const record = ((await listed.json()) as Envelope<{ email_domains: { domain: string; verification: { host: string; value: string } }[] }>).data.email_domains.find((d) => d.domain === domain)!;
    dns.publishTxt(record.verification.host, record.verification.value);
    await row.getByRole("button", { name: `Verify ${domain}` }).click();
    await expect(row).toContainText("Verified");
    await row.getByLabel(`Sign-ups from ${domain} join as`).selectOption({ label: "Viewer" });
    await expect(portal.getByText(`People with an address on ${domain} can now sign up`)).toBeVisible();

    // Someone new, signed out, on Acme's sign-in page.
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(portalUrl("acme", "/login"));
    await visitor.getByRole("link", { name: "Create an account" }).click();
    await expect(visitor.getByRole("heading", { name: "Create an account" })).toBeVisible();
    await visitor.getByLabel("Work email").fill(email);
    await visitor.getByRole("button", { name: "Email me a link" }).click();
    await expect(visitor.getByTestId("sign-up-sent")).toContainText(email);

    // The link, as the console's Outbox shows the mail.
    await page.goto("/outbox");
    await page.getByRole("row").filter({ hasText: email }).first().getByRole("link").first().click();
    const link = page.getByRole("link", { name: /\/sign-up\/complete/ }).first();
    await expect(link).toBeVisible();
    await visitor.goto((await link.getAttribute("href"))!);
    await visitor.getByLabel("Your name").fill("New Comer");
    await visitor.getByLabel("Password").fill(POLICY_VISITOR_PASSWORD);
    await visitor.getByRole("button", { name: /^Join/ }).click();
    await expect(visitor.getByTestId("sign-up-joined")).toContainText(email);

    // The link is spent; the new member signs in and is a viewer.
    await visitor.reload();
    await expect(visitor.getByTestId("sign-up-link-invalid")).toBeVisible();
    await signInToPortal(visitor, "acme", email, "a sound long password");
    await visitor.goto(portalUrl("acme", "/security"));
    await expect(visitor.getByTestId("portal-no-access")).toBeVisible();
  } finally {
    await page.request.delete(`/api/v1/tenants/${id}/security/email-domains/${domain}`, { headers: { Origin: baseURL! } });
  }
});
