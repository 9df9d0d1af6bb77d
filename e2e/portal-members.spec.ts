import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { inviteLinkFromOutbox, PORT, portalUrl, signIn, signInToPortal } from "./support/auth";
import { INVITEE_PASSWORD } from "./support/secrets";

// The tenant portal end to end: a tenant admin invites, the invitee accepts
// from the mailed link in a fresh browser, signs in on the tenant's host and
// sees only what their role allows; nothing reaches another tenant.

const nav = (page: Page) => page.getByRole("navigation", { name: "Portal" });

test("a tenant admin invites; the invitee joins from the outbox link and sees only what a viewer may", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const email = `invitee.${randomBytes(3).toString("hex")}@example.com`;

  // Jane is an admin of Acme: she signs in on acme's host and invites a viewer.
  await signInToPortal(page, "acme", "jane@acme.example");
  await expect(nav(page).getByRole("link")).toHaveText(["Overview", "Members", "Usage", "Billing", "Roles", "Branding", "Domains", "API keys", "Audit log", "Webhooks", "Security"]);
  await nav(page).getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Invite members" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email addresses").fill(email);
  await dialog.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await dialog.getByRole("button", { name: /^Invite/ }).click();
  const results = page.getByRole("dialog", { name: "Invitations created" });
  await expect(results.getByTestId("invite-result")).toContainText("Invitation emailed");
  await page.screenshot({ path: "test-results/portal-invite-sent.png" });
  await results.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: email })).toContainText("Pending");

  // No SMTP server is configured here, so the mail waits in the console's outbox.
  const consoleContext = await browser.newContext();
  const staff = await consoleContext.newPage();
  await signIn(staff);
  const link = await inviteLinkFromOutbox(staff, email);
  expect(link).toMatch(new RegExp(`^http://acme\\.localhost:${PORT}/invite/\\S{20,}$`));
  await staff.screenshot({ path: "test-results/outbox-mail.png", fullPage: true });

  // The invitee, in a browser of their own.
  const fresh = await browser.newContext();
  const invitee = await fresh.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1 })).toHaveText("Join Acme Corporation");
  await expect(invitee.getByText(`${email} was invited`)).toBeVisible();
  await invitee.getByLabel("Your name").fill("Ina Invitee");
  await invitee.getByLabel("Password").fill(INVITEE_PASSWORD);
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  // Accepting signs them in on this host.
  await expect(invitee).toHaveURL(portalUrl("acme", "/"));
  await expect(invitee.getByText("Signed in as Ina Invitee · Viewer")).toBeVisible();
  await expect(nav(invitee).getByRole("link")).toHaveText(["Overview", "Members", "Usage"]);
  await invitee.screenshot({ path: "test-results/portal-viewer-home.png" });

  // A viewer reads members but gets no editor: no invite button, no row actions.
  await nav(invitee).getByRole("link", { name: "Members" }).click();
  await expect(invitee.getByTestId("member-row").filter({ hasText: email })).toContainText("Viewer");
  await expect(invitee.getByRole("button", { name: "Invite members" })).toHaveCount(0);
  await expect(invitee.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);
  await invitee.screenshot({ path: "test-results/portal-viewer-members.png" });
  for (const path of ["/roles", "/api-keys"]) {
    await invitee.goto(portalUrl("acme", path));
    await expect(invitee.getByTestId("portal-no-access")).toBeVisible();
  }

  // Sign out, then sign in again on the tenant's host with the new account.
  await invitee.getByRole("button", { name: `${email}, account menu` }).click();
  await invitee.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(invitee).toHaveURL(/\/login/);
  await signInToPortal(invitee, "acme", email, INVITEE_PASSWORD);
  await expect(invitee.getByText("Signed in as Ina Invitee · Viewer")).toBeVisible();

  // The session belongs to acme's host: globex's portal and the console do not know it.
  await invitee.goto(portalUrl("globex", "/members"));
  await expect(invitee).toHaveURL(new RegExp(`globex\\.localhost:${PORT}/login`));
  await invitee.goto("/tenants");
  await expect(invitee).toHaveURL(new RegExp(`localhost:${PORT}/login`));

  // The link was single use.
  await invitee.goto(link);
  await expect(invitee.getByTestId("invitation-closed")).toContainText("already been used");
  await fresh.close();

  // Jane sees the new member.
  await page.reload();
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toContainText("Viewer");
  await consoleContext.close();
});

test("a seeded viewer cannot reach the members editor, and a manager cannot reach roles management", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await signInToPortal(page, "acme", "victor@acme.example");
  const res = await page.goto(portalUrl("acme", "/members"));
  // The portal sends a nonce-based policy, and the page works under it.
  expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  await expect(page.getByTestId("member-row").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite members" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Actions for/ })).toHaveCount(0);

  const manager = await page.context().browser()!.newContext();
  const m = await manager.newPage();
  await signInToPortal(m, "acme", "marco@acme.example");
  await m.goto(portalUrl("acme", "/roles"));
  await expect(m.getByRole("heading", { name: "Roles", level: 1 })).toBeVisible();
  await expect(m.getByRole("button", { name: "New role" })).toHaveCount(0);
  await manager.close();
  expect(violations).toEqual([]);
});

test("a tenant admin manages custom roles: preview who gains what, then delete moving members", async ({ page }) => {
  const roleName = `Support ${randomBytes(2).toString("hex")}`;
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.goto(portalUrl("acme", "/roles"));
  await page.getByRole("button", { name: "New role" }).click();
  let editor = page.getByRole("dialog", { name: "New role" });
  await editor.getByLabel("Name", { exact: true }).fill(roleName);
  await editor.getByLabel("View members").check();
  // Owner-only permissions are shown but cannot be granted.
  await expect(editor.getByLabel("Manage billing")).toBeDisabled();
  await editor.getByRole("button", { name: "Create role" }).click();
  await expect(page.getByTestId("role-card").filter({ hasText: roleName })).toContainText("0 members");

  // Give Mia the new role.
  await page.goto(portalUrl("acme", "/members"));
  await page.getByRole("button", { name: "Actions for Mia Member" }).click();
  await page.getByRole("menuitem", { name: /Change role/ }).click();
  const change = page.getByRole("dialog", { name: "Change role" });
  await change.getByLabel("Role").selectOption({ label: roleName });
  await change.getByRole("button", { name: "Change role" }).click();
  await expect(change).toBeHidden();

  // Editing the role first shows who gains and loses what.
  await page.goto(portalUrl("acme", "/roles"));
  const card = page.getByTestId("role-card").filter({ hasText: roleName });
  await expect(card).toContainText("1 member");
  await card.getByRole("button", { name: "Edit" }).click();
  editor = page.getByRole("dialog", { name: `Edit ${roleName}` });
  await editor.getByLabel("View roles").check();
  await editor.getByLabel("View members").uncheck();
  await editor.getByRole("button", { name: "Review changes" }).click();
  const preview = page.getByTestId("role-change-preview");
  await expect(preview).toContainText("Mia Member");
  await expect(preview).toContainText("Gains: View roles");
  await expect(preview).toContainText("Loses: View members");
  await page.screenshot({ path: "test-results/portal-role-preview.png" });
  await page.getByRole("dialog").getByRole("button", { name: "Save role" }).click();
  await expect(card).toContainText("View roles");

  // Deleting a role in use asks where its members go.
  await card.getByRole("button", { name: "Delete" }).click();
  const del = page.getByRole("dialog", { name: `Delete ${roleName}?` });
  await expect(del).toContainText("1 member holds this role");
  await del.getByLabel("Move its members to").selectOption({ label: "Member" });
  await del.getByRole("button", { name: "Delete role" }).click();
  await expect(page.getByTestId("role-card").filter({ hasText: roleName })).toHaveCount(0);
  await page.goto(portalUrl("acme", "/members"));
  await expect(page.getByTestId("member-row").filter({ hasText: "Mia Member" })).toContainText("Member");
});

test("a tenant key made in the portal reaches its own tenant only; another tenant's id or path reaches nothing", async ({ page }) => {
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.goto(portalUrl("acme", "/api-keys"));
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name", { exact: true }).fill("e2e script");
  // Jane is an admin: managing owners is not hers to give, so it is not offered.
  await expect(dialog.getByText("owners:manage")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Full access" }).click();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").innerText()).trim();
  expect(key).toMatch(/^atr_/);
  await page.getByRole("button", { name: "Done" }).click();

  // Node does not resolve *.localhost, so the calls are made by the browser, from a page on each origin.
  const browserGet = async (origin: string, path: string) => {
    const p = await page.context().newPage();
    await p.goto(`${origin}/api/health`);
    const r = await p.evaluate(async ([url, k]) => {
      const res = await fetch(url, { headers: { Authorization: `Bearer ${k}` } });
      return { status: res.status, body: await res.json() };
    }, [path, key] as const);
    await p.close();
    return r;
  };
  const acmeId = (await page.locator("code", { hasText: "/api/v1/tenants/" }).first().innerText()).match(/tenant_[0-9a-f]+/)![0];
  const own = await browserGet(portalUrl("acme", ""), `/api/v1/tenants/${acmeId}/users`);
  expect(own.status).toBe(200);

  // Find globex's id as staff, then try it with acme's key.
  const staff = await page.context().browser()!.newContext();
  const s = await staff.newPage();
  await signIn(s);
  const globex = await s.request.get(`http://localhost:${PORT}/api/v1/tenants?search=globex`);
  const globexId = (await globex.json()).data.tenants[0].id as string;
  await staff.close();
  for (const origin of [portalUrl("acme", ""), portalUrl("globex", ""), `http://localhost:${PORT}`]) {
    const r = await browserGet(origin, `/api/v1/tenants/${globexId}/users`);
    expect(r.status, origin).toBe(403);
    expect(r.body.error.code).toBe("cross_tenant_access_denied");
  }
  // The portal's internal path of another tenant is not found on acme's host.
  const internal = await page.goto(portalUrl("acme", "/t/globex/members"));
  expect(internal?.status()).toBe(404);
});
