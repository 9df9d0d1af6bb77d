import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { startTestIdp, type TestIdp } from "../tests/support/oidc-test-provider";
import { portalUrl, signIn, STAFF_PASSWORD } from "./support/auth";
import { DESKTOP, expectNoPageOverflow, PHONE } from "./support/layout";
import { SSO_CLIENT_SECRET } from "./support/secrets";

// Tenant single sign-on in Chromium against a real OpenID provider
// (oidc-provider) on loopback: staff configure it on the tenant's SSO tab and
// test the connection; a new person from the tenant's verified email domain
// clicks "Continue with …" on the portal's login page, goes through the
// authorization-code flow with PKCE, state and nonce, and lands signed in as a
// just-in-time member with the role their group maps to. A provider answer
// with an unverified email comes back as a clear refusal; with "SSO required"
// the login page offers only the provider and the owners' break-glass link.
// SHOTS_DIR=/tmp/… saves screenshots at 1440 and 390 wide.

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.use({ viewport: DESKTOP });

const slug = `sso-${randomBytes(3).toString("hex")}`;
const emailDomain = `${slug}.example`;
const CLIENT_ID = "atrium-e2e";
const CLIENT_SECRET = SSO_CLIENT_SECRET;
let idp: TestIdp;
let tenantId = "";

async function api<T>(page: Page, method: "GET" | "POST", p: string, body?: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.fetch(`${origin}${p}`, { method, headers: { Origin: origin, "Content-Type": "application/json" }, data: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.ok(), `${method} ${p}: ${res.status()} ${await res.text()}`).toBe(true);
  return ((await res.json()) as { data: T }).data;
}

/** As the e2e database's superuser: facts other specs prove through their own flows (a DNS-verified email domain, the policy). */
async function sql(text: string, params: unknown[]): Promise<void> {
  const port = Number(process.env.E2E_PG_PORT ?? 54349);
  const password = (await readFile(port === 54349 ? ".data/pg-e2e.password" : `.data/pg-e2e-${port}.password`, "utf8")).trim();
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "atrium_e2e" });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const [label, size] of [
    ["1440", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(300);
    await expectNoPageOverflow(page);
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function expectAccessible(page: Page, name: string) {
  const { violations } = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, name).toEqual([]);
}

test.beforeAll(async () => {
  idp = await startTestIdp({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [portalUrl(slug, "/api/sso/callback")] });
});

test.afterAll(async () => {
  await idp?.close();
});

test("staff configure the tenant's identity provider on its SSO tab and test it", async ({ page }) => {
  test.skip(Boolean(process.env.DATABASE_URL), "writes to the e2e server's own embedded database");
  await signIn(page);
  const { tenant } = await api<{ tenant: { id: string } }>(page, "POST", "/api/v1/tenants", {
    tenant: { name: `SSO ${slug}`, slug, plan: "professional", admin_user: { email: `owner@${emailDomain}`, name: "SSO Owner", password: STAFF_PASSWORD } },
  });
  tenantId = tenant.id;
  await sql("INSERT INTO tenant_email_domains (tenant_id, domain, verification_token, verified_at) VALUES ($1, $2, $3, now())", [tenantId, emailDomain, randomBytes(16).toString("hex")]);

  await page.goto(`/tenants/${tenantId}?tab=sso`);
  const form = page.getByRole("form", { name: "Single sign-on settings" });
  await expect(form.getByText(portalUrl(slug, "/api/sso/callback"))).toBeVisible();
  await form.getByLabel("Button label").fill("Loopback IdP");
  await form.getByLabel("Issuer URL").fill(idp.issuer);
  await form.getByLabel("Client ID").fill(CLIENT_ID);
  await form.getByLabel("Client secret").fill(CLIENT_SECRET);
  await form.getByLabel("Scopes").fill("openid email profile groups");
  await form.getByLabel(/Groups claim/).fill("groups");
  await form.getByRole("button", { name: "Add a group" }).click();
  await form.getByLabel("Group 1", { exact: true }).fill("engineering");
  await form.getByLabel("Role for group 1").selectOption("manager");
  await form.getByRole("switch").first().click();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Single sign-on saved" })).toBeVisible();
  await expect(form.getByLabel("Client secret")).toHaveValue("");
  await expect(form.getByLabel("Client secret")).toHaveAttribute("placeholder", "•••• set");

  await form.getByRole("button", { name: "Test connection" }).click();
  await expect(form.getByText("The provider answered as configured")).toBeVisible();
  await expectAccessible(page, "SSO tab");
  await shoot(page, "sso-config");

  const saved = await api<{ connection: { client_secret: string; enabled: boolean } }>(page, "GET", `/api/v1/tenants/${tenantId}/sso`);
  expect(saved.connection).toMatchObject({ client_secret: "•••• set", enabled: true });
});

test("a new person from the verified domain continues with the provider and lands signed in as a JIT member", async ({ browser, page }) => {
  test.skip(!tenantId, "needs the configured tenant");
  const email = `nova-${randomBytes(3).toString("hex")}@${emailDomain}`;
  idp.setAccount({ sub: `sub-${email}`, email, email_verified: true, name: "Nova Jit", groups: ["engineering"] });

  const visitor = await browser.newContext({ viewport: DESKTOP });
  const portal = await visitor.newPage();
  await portal.goto(portalUrl(slug, "/login?callbackUrl=%2Fmembers"));
  const button = portal.getByRole("link", { name: "Continue with Loopback IdP" });
  await expect(button).toBeVisible();
  await expectAccessible(portal, "portal login with SSO");
  await shoot(portal, "sso-login");

  // Watch the round trip: to the provider with PKCE, state and nonce; back to the callback; the ticket page; the portal.
  const authorize = portal.waitForRequest((r) => r.url().startsWith(`${idp.issuer}/auth`));
  await button.click();
  const auth = new URL((await authorize).url());
  expect(auth.searchParams.get("code_challenge_method")).toBe("S256");
  expect(auth.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(auth.searchParams.get("state")).toBeTruthy();
  expect(auth.searchParams.get("nonce")).toBeTruthy();
  await expect(portal).toHaveURL(portalUrl(slug, "/members"));
  await expect(portal.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await expect(portal.getByText(email).first()).toBeVisible();
  await visitor.close();

  await signIn(page);
  const members = await api<{ users: { email: string; role: string; status: string }[] }>(page, "GET", `/api/v1/tenants/${tenantId}/users?search=${encodeURIComponent(email)}`);
  expect(members.users).toEqual([expect.objectContaining({ email, role: "manager", status: "active" })]);
});

test("an unverified email from the provider is refused with a clear message on the login page", async ({ browser }) => {
  test.skip(!tenantId, "needs the configured tenant");
  const email = `unverified-${randomBytes(3).toString("hex")}@${emailDomain}`;
  idp.setAccount({ sub: `sub-${email}`, email, email_verified: false });
  const visitor = await browser.newContext({ viewport: DESKTOP });
  const portal = await visitor.newPage();
  await portal.goto(portalUrl(slug, "/login"));
  await portal.getByRole("link", { name: "Continue with Loopback IdP" }).click();
  await expect(portal).toHaveURL(/\/login\?sso_error=email_not_verified/);
  const alert = portal.getByRole("alert").filter({ hasText: "Single sign-on failed" });
  await expect(alert).toContainText("has not verified your email address");
  await expectAccessible(portal, "SSO refusal");
  await shoot(portal, "sso-refused");
  await visitor.close();
});

test("with SSO required the login page offers the provider and the owners' break-glass sign-in only", async ({ browser }) => {
  test.skip(!tenantId, "needs the configured tenant");
  await sql("INSERT INTO tenant_security_policies (tenant_id, allowed_sign_in_methods) VALUES ($1, ARRAY['sso']) ON CONFLICT (tenant_id) DO UPDATE SET allowed_sign_in_methods = ARRAY['sso']", [tenantId]);
  const visitor = await browser.newContext({ viewport: DESKTOP });
  const portal = await visitor.newPage();
  // The server keeps a tenant's policy for a few seconds.
  await expect(async () => {
    await portal.goto(portalUrl(slug, "/login"));
    await expect(portal.getByLabel("Password")).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(portal.getByRole("link", { name: "Continue with Loopback IdP" })).toBeVisible();
  await shoot(portal, "sso-required-login");

  await portal.getByRole("link", { name: "Owner sign-in (break glass)" }).click();
  await expect(portal.getByText("Only owners may sign in with a password here")).toBeVisible();
  await portal.getByLabel("Email").fill(`owner@${emailDomain}`);
  await portal.getByLabel("Password").fill(STAFF_PASSWORD);
  await portal.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(portal).not.toHaveURL(/\/login/);
  await visitor.close();
  await sql("DELETE FROM tenant_security_policies WHERE tenant_id = $1", [tenantId]);
});
