import { randomBytes } from "node:crypto";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { PORT, STAFF_PASSWORD, inviteLinkFromOutbox, portalUrl, signIn, signInToPortal } from "./support/auth";
import { INVITEE_PASSWORD } from "./support/secrets";

// Issue 9 §4–§5: a light brand colour still gives readable buttons, the
// secondary colour is text only where it reads, badges keep their colours;
// the portal Overview shows figures and a checklist that ticks; every dead
// end (404, unknown organisation, used invitation, suspended portal) has a
// way forward and a support contact. At phone and desktop sizes.

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
const SHOTS = process.env.SHOTS_DIR ?? "test-results/shots";
const LIGHT = "#fde047";
const PALE_SECONDARY = "#94a3b8";

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

/** WCAG contrast of an element's text against the first opaque background behind it (any CSS colour syntax, via a canvas). */
function contrastOf(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const rgb = (c: string) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 1;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = c;
      ctx.fillRect(0, 0, 1, 1);
      return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3);
    };
    const lum = (c: string) => {
      const [r, g, b] = rgb(c).map((v) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    let bg = "#ffffff";
    for (let n: Element | null = el; n; n = n.parentElement) {
      const b = getComputedStyle(n).backgroundColor;
      if (b && b !== "transparent" && !/rgba\(.*,\s*0\)$/.test(b)) {
        bg = b;
        break;
      }
    }
    const [a, b] = [lum(getComputedStyle(el).color), lum(bg)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

/** The element's text colour as [r, g, b]. */
const textRgb = (locator: Locator) =>
  locator.evaluate((el) => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = getComputedStyle(el).color;
    ctx.fillRect(0, 0, 1, 1);
    return [...ctx.getImageData(0, 0, 1, 1).data].slice(0, 3);
  });

/** A platform API call from the signed-in console page. */
async function api(page: Page, method: string, path: string, body?: unknown) {
  const res = await page.request.fetch(`http://localhost:${PORT}${path}`, {
    method,
    headers: { Origin: `http://localhost:${PORT}`, "Content-Type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status(), json: await res.json() };
}

async function newTenant(page: Page, slug: string, branding: Record<string, string>) {
  const r = await api(page, "POST", "/api/v1/tenants", {
    tenant: { name: `Sunny ${slug.slice(-4)}`, slug, plan: "basic", admin_user: { email: `owner@${slug}.test`, name: "Yara Owner", password: STAFF_PASSWORD }, branding },
  });
  expect(r.status, JSON.stringify(r.json)).toBeLessThan(300);
  return r.json.data.tenant.id as string;
}

for (const vp of VIEWPORTS) {
  test(`${vp.name}: a light primary gives readable buttons; the overview's figures and checklist tick as the owner invites; a used invitation leads on`, async ({ browser }) => {
    test.setTimeout(180_000);
    const slug = `sunny-${vp.name}-${randomBytes(3).toString("hex")}`;
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await signIn(staff);
    await newTenant(staff, slug, { primary_color: LIGHT, secondary_color: PALE_SECONDARY });

    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    const page = await context.newPage();
    await signInToPortal(page, slug, `owner@${slug}.test`);
    await page.goto(portalUrl(slug));

    // The pale secondary colour is not used as text: "Signed in as…" reads.
    const eyebrow = page.getByText(/^Signed in as Yara Owner/);
    expect(await contrastOf(eyebrow)).toBeGreaterThanOrEqual(4.5);
    // Figures and the checklist of a new organisation.
    await expect(page.getByTestId("figure-members")).toContainText("1");
    await expect(page.getByTestId("figure-pending")).toContainText("0");
    await expect(page.getByTestId("figure-seats")).toContainText("1 of 10");
    await expect(page.getByTestId("figure-plan")).toContainText("Basic");
    await expect(page.getByTestId("figure-domain")).toContainText("None yet");
    const steps = page.getByTestId("getting-started").getByRole("listitem");
    await expect(steps).toHaveText([/Invite a member/, /Set your branding/, /Add a custom domain/, /Create an API key/]);
    await expect(page.getByTestId("step-invite")).toHaveAttribute("data-done", "false");
    await shot(page, `overview-new-${vp.name}`);

    // Each step links to its page; the primary button there is the brand's yellow with dark text.
    await page.getByTestId("step-invite").getByRole("link").click();
    await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
    const invite = page.getByRole("button", { name: "Invite members" });
    expect(await invite.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe("rgb(253, 224, 71)");
    expect(await contrastOf(invite)).toBeGreaterThanOrEqual(4.5);
    await shot(page, `members-light-brand-${vp.name}`);

    const email = `ada.${randomBytes(3).toString("hex")}@example.com`;
    await invite.click();
    const dialog = page.getByRole("dialog", { name: "Invite members" });
    await dialog.getByLabel("Email addresses").fill(email);
    await dialog.getByLabel("Role", { exact: true }).selectOption({ label: "Admin" });
    const send = dialog.getByRole("button", { name: /^Invite/ });
    expect(await contrastOf(send)).toBeGreaterThanOrEqual(4.5);
    await send.click();
    const results = page.getByRole("dialog", { name: "Invitations created" });
    await expect(results.getByTestId("invite-result")).toContainText("Invitation emailed");
    await results.getByRole("button", { name: "Done" }).click();
    // The Admin badge keeps its own (indigo) colour, not the brand's yellow or its olive text shade.
    const [r, g, b] = await textRgb(page.getByTestId("invitation-row").filter({ hasText: email }).getByText("Admin", { exact: true }));
    expect(b, `Admin badge text rgb(${r}, ${g}, ${b})`).toBeGreaterThan(Math.max(r, g));

    await page.goto(portalUrl(slug));
    await expect(page.getByTestId("step-invite")).toHaveAttribute("data-done", "true");
    await expect(page.getByTestId("figure-pending")).toContainText("1");
    await expect(page.getByTestId("figure-seats")).toContainText("2 of 10");
    await shot(page, `overview-after-invite-${vp.name}`);

    // The invitee accepts; the link then leads to sign-in, not nowhere.
    const link = await inviteLinkFromOutbox(staff, email);
    const inviteeContext = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    const invitee = await inviteeContext.newPage();
    await invitee.goto(link);
    const accept = invitee.getByRole("button", { name: "Accept invitation" });
    expect(await contrastOf(accept)).toBeGreaterThanOrEqual(4.5);
    await invitee.getByLabel("Your name").fill("Ada Admin");
    await invitee.getByLabel("Password").fill(INVITEE_PASSWORD);
    await accept.click();
    // Accepting signs them in on this host.
    await expect(invitee.getByText("Signed in as Ada Admin · Admin")).toBeVisible();
    await inviteeContext.clearCookies();
    await invitee.goto(link);
    const closed = invitee.getByTestId("invitation-closed");
    await expect(closed).toContainText("already been used");
    await expect(closed.getByTestId("support-contact")).toContainText("support@atrium.test");
    await shot(invitee, `invitation-used-${vp.name}`);
    await closed.getByRole("link", { name: "Sign in" }).click();
    await expect(invitee).toHaveURL(new RegExp(`${slug}\\.localhost:${PORT}/login`));

    await Promise.all([context.close(), inviteeContext.close(), staffContext.close()]);
  });

  test(`${vp.name}: 404, unknown organisation and suspended portals show a way forward and who to ask`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    const page = await context.newPage();

    // The console's 404.
    const missing = await page.goto(`http://localhost:${PORT}/no-such-page`);
    expect(missing?.status()).toBe(404);
    const deadEnd = page.getByTestId("dead-end");
    await expect(deadEnd.getByRole("link", { name: "Go to the console" })).toHaveAttribute("href", "/");
    await expect(deadEnd.getByTestId("support-contact").getByRole("link", { name: "support@atrium.test" })).toHaveAttribute("href", "mailto:support@atrium.test");
    await shot(page, `404-console-${vp.name}`);

    // A host no organisation is served at.
    const unknown = await page.goto(`http://no-such-org.localhost:${PORT}/`);
    expect(unknown?.status()).toBe(404);
    await expect(deadEnd.getByRole("heading")).toHaveText("No organisation here");
    await expect(deadEnd.getByRole("link", { name: `Go to localhost:${PORT}` })).toHaveAttribute("href", `http://localhost:${PORT}/`);
    await expect(deadEnd.getByTestId("support-contact")).toContainText("support@atrium.test");
    await shot(page, `404-unknown-org-${vp.name}`);

    // A missing page on an organisation's host leads to its home and sign-in.
    await page.goto(portalUrl("acme", "/no-such-page"));
    await expect(deadEnd.getByRole("link", { name: "Go to Acme Corporation" })).toBeVisible();
    await deadEnd.getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`acme\\.localhost:${PORT}/login`));

    // Suspended (seeded Initech): the platform's contact.
    await page.goto(portalUrl("initech"));
    const suspended = page.getByTestId("portal-unavailable");
    await expect(suspended).toHaveAttribute("data-status", "suspended");
    await expect(suspended.getByRole("heading")).toHaveText("This organisation is suspended");
    await expect(suspended.getByTestId("support-contact")).toContainText("support@atrium.test");
    await shot(page, `suspended-platform-contact-${vp.name}`);

    // A suspended organisation with its own support contact shows that instead.
    const staff = await (await browser.newContext()).newPage();
    await signIn(staff);
    const slug = `helpdesk-${vp.name}-${randomBytes(3).toString("hex")}`;
    const id = await newTenant(staff, slug, { primary_color: "#0f766e" });
    const branded = await api(staff, "PUT", `/api/v1/tenants/${id}/branding`, { support_email: "help@helpdesk.example", support_url: "https://help.helpdesk.example" });
    expect(branded.status, JSON.stringify(branded.json)).toBe(200);
    expect((await api(staff, "POST", `/api/v1/tenants/${id}/suspend`, { reason: "e2e" })).status).toBe(200);
    await page.goto(portalUrl(slug));
    const own = page.getByTestId("portal-unavailable").getByTestId("support-contact");
    await expect(own.getByRole("link", { name: "help@helpdesk.example" })).toHaveAttribute("href", "mailto:help@helpdesk.example");
    await expect(own.getByRole("link", { name: "the help centre" })).toHaveAttribute("href", "https://help.helpdesk.example");
    await expect(own).not.toContainText("support@atrium.test");
    await shot(page, `suspended-own-contact-${vp.name}`);
    await context.close();
  });
}
