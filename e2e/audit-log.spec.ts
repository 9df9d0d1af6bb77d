import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { portalUrl, signIn, signInToPortal, STAFF_PASSWORD } from "./support/auth";
import { DESKTOP } from "./support/layout";

// The audit viewer on its three pages (console Audit, the tenant's Audit tab,
// the portal's Audit log), against the seeded demo data: Globex is on the
// enterprise plan (audit_logs), Ben Builder one of its members, Rita Reader a
// viewer (no audit:read). The role changes are made through the API first.

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.use({ viewport: DESKTOP });

const BEN = "ben@globex.example";

type Envelope<T> = { status: string; data: T };

/** A cookie-authenticated API call from the console's own origin (mutations need a same-host Origin). */
async function api<T>(page: Page, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.fetch(`${origin}${path}`, { method, headers: { Origin: origin, "Content-Type": "application/json" }, data: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return ((await res.json()) as Envelope<T>).data;
}

async function globexId(page: Page): Promise<string> {
  const { tenants } = await api<{ tenants: { id: string; slug: string }[] }>(page, "GET", "/api/v1/tenants?search=globex");
  return tenants.find((t) => t.slug === "globex")!.id;
}

const rows = (page: Page) => page.getByTestId("audit-row");

/** The portal's export route, asked from the page itself (its host name resolves only in the browser). */
const exportStatus = (page: Page) => page.evaluate(async () => (await fetch("/audit-log/export?format=csv")).status);

let tenantId = "";
let benTarget = "";

test("filters the console audit log to one member's role changes and opens the diff", async ({ page }) => {
  await signIn(page);
  tenantId = await globexId(page);
  const { users } = await api<{ users: { id: string; email: string }[] }>(page, "GET", `/api/v1/tenants/${tenantId}/users?search=ben`);
  const ben = users.find((u) => u.email === BEN)!;
  await api(page, "POST", `/api/v1/tenants/${tenantId}/users/${ben.id}/roles`, { role: "viewer" });
  await api(page, "POST", `/api/v1/tenants/${tenantId}/users/${ben.id}/roles`, { role: "member" });

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit" }).click();
  await expect(page.getByRole("heading", { name: "Audit", level: 1 })).toBeVisible();
  await expect(rows(page).first()).toBeVisible();

  // Event type: Members › Role changed, from the picker grouped by area.
  const picker = page.getByRole("button", { name: /Event types/ });
  await picker.click();
  await page.getByTestId("event-type-picker").getByRole("checkbox", { name: "Members: Role changed" }).check();
  await picker.click();
  await expect(page.getByTestId("event-type-picker")).toBeHidden();
  await expect(page).toHaveURL(/event_type=member\.role_changed/);
  await expect(rows(page).first()).toContainText("Role changed");

  // Ben's row (the target column names him), then every event on him: his two role changes.
  const benRow = rows(page).filter({ hasText: new RegExp(`${BEN}|${ben.id}`) }).first();
  await benRow.getByRole("button", { name: "Members · Role changed" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Events on this target" }).click();
  await expect(page).toHaveURL(new RegExp(`target_id=${ben.id}`));
  await expect(rows(page)).toHaveCount(2);
  for (const row of await rows(page).all()) await expect(row).toContainText("Role changed");

  // The newest change: member ← viewer, shown as before/after with text labels.
  const opener = rows(page).first().getByRole("button", { name: "Members · Role changed" });
  await opener.click();
  const panel = page.getByRole("dialog", { name: "Members · Role changed" });
  await expect(panel).toBeVisible();
  const field = panel.getByTestId("audit-diff-field").filter({ hasText: "Role" });
  await expect(field.getByText("Before")).toBeVisible();
  await expect(field.locator("del")).toHaveText("viewer");
  await expect(field.locator("ins")).toHaveText("member");
  await expect(panel).toContainText("Globex Industries");
  await expect(panel.getByRole("link", { name: "Open the tenant's members" })).toHaveAttribute("href", `/tenants/${tenantId}?tab=members`);
  await page.keyboard.press("Escape");
  await expect(panel).toBeHidden();
  await expect(opener).toBeFocused();

  // The URL is the view: Back undoes the target filter, Forward redoes it, and a reload shows the same rows (rendered by the server).
  await page.goBack();
  await expect(page).not.toHaveURL(/target_id=/);
  await expect(page).toHaveURL(/event_type=member\.role_changed/);
  await page.goForward();
  await expect(rows(page)).toHaveCount(2);
  await page.reload();
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByText(`Target user ${ben.id}`)).toBeVisible();
  benTarget = `target_type=user&target_id=${ben.id}`;
});

test("exports the filtered view as CSV with progress", async ({ page }) => {
  await signIn(page);
  await page.goto(`/audit?event_type=member.role_changed&${benTarget}`);
  await expect(rows(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Export" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: /CSV/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^audit-platform-\d{4}-\d{2}-\d{2}\.csv$/);
  await expect(page.getByTestId("audit-export-status")).toContainText("2 rows");
  const text = await readFile((await file.path())!, "utf8");
  const [header, ...lines] = text.trim().split("\n");
  expect(header).toBe("id,timestamp,event_type,tenant_id,tenant_name,actor_type,actor_id,actor_email,actor_name,target_type,target_id,target_label,changes,ip_address,user_agent,request_id");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain("member.role_changed");
  expect(lines[0]).toContain("Globex Industries");
});

test("the tenant's Audit tab lists its events", async ({ page }) => {
  await signIn(page);
  await page.goto(`/tenants/${tenantId}`);
  await page.getByRole("tab", { name: "Audit" }).click();
  await expect(page).toHaveURL(/\?tab=audit$/);
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Tenant" })).toHaveCount(0);
  // Filters stay in the tab's URL; another tab does not inherit them.
  await page.getByLabel("Date range").selectOption("24h");
  await expect(page).toHaveURL(/tab=audit&range=24h$/);
  await expect(rows(page).filter({ hasText: "Role changed" }).first()).toBeVisible();
  await page.getByRole("tab", { name: "Members" }).click();
  await expect(page).toHaveURL(/\?tab=members$/);
});

test("a member with audit:read reads the portal's Audit log", async ({ page }) => {
  await signInToPortal(page, "globex", "hank@globex.example");
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Audit log" }).click();
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await page.goto(portalUrl("globex", `/audit-log?event_type=member.*&${benTarget}`));
  await expect(rows(page).filter({ hasText: "Role changed" })).toHaveCount(2);
  await rows(page).first().getByRole("button").first().click();
  const panel = page.getByTestId("audit-event-panel");
  await expect(panel.getByTestId("audit-diff")).toBeVisible();
  await expect(panel.getByRole("link", { name: "Open members" })).toHaveAttribute("href", "/members");
});

test("a viewer without audit:read has no Audit log", async ({ page }) => {
  await signInToPortal(page, "globex", "rita@globex.example");
  await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto(portalUrl("globex", "/audit-log"));
  await expect(page.getByTestId("portal-no-access")).toContainText("You don't have access to the audit log");
  await expect(rows(page)).toHaveCount(0);
  // Nor through its export.
  expect(await exportStatus(page)).toBe(403);
});

test("a basic-plan organisation's admin is told which plan has the audit log", async ({ page }) => {
  await signIn(page);
  const slug = `audit-basic-${randomBytes(3).toString("hex")}`;
  const email = `owner@${slug}.example`;
  await api(page, "POST", "/api/v1/tenants", { tenant: { name: `Basic ${slug}`, slug, plan: "basic", admin_user: { email, name: "Basic Owner", password: STAFF_PASSWORD } } });
  await signInToPortal(page, slug, email);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Audit log" }).click();
  const upsell = page.getByTestId("plan-upsell");
  await expect(upsell).toContainText("part of the Enterprise plan");
  await expect(upsell).toContainText("on the Basic plan");
  await expect(rows(page)).toHaveCount(0);
  expect(await exportStatus(page)).toBe(403);
});

test("verify integrity shows the tenant's chain is intact", async ({ page }) => {
  await signIn(page);
  await page.goto(`/tenants/${tenantId}?tab=audit`);
  await expect(page.getByRole("tab", { name: "Audit" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("button", { name: "Verify integrity" }).click();
  await expect(page.getByTestId("audit-verify-result")).toHaveAttribute("data-valid", "true");
  await expect(page.getByTestId("audit-verify-result")).toContainText("Integrity verified");
});

/** As the e2e database's superuser, skipping triggers (what an attacker holding the database could do). */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  const port = Number(process.env.E2E_PG_PORT ?? 54349);
  const password = (await readFile(port === 54349 ? ".data/pg-e2e.password" : `.data/pg-e2e-${port}.password`, "utf8")).trim();
  const client = new pg.Client({ host: "127.0.0.1", port, user: "postgres", password, database: "atrium_e2e" });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    await client.query(sql, params);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

test("a tampered event breaks the chain, and the result opens that event", async ({ page }) => {
  test.skip(Boolean(process.env.DATABASE_URL), "tampers with the e2e server's own embedded database");
  await signIn(page);
  const slug = `audit-tamper-${randomBytes(3).toString("hex")}`;
  const { tenant } = await api<{ tenant: { id: string } }>(page, "POST", "/api/v1/tenants", { tenant: { name: `Tamper ${slug}`, slug, plan: "enterprise", admin_user: { email: `owner@${slug}.example`, name: "Tamper Owner" } } });
  await page.goto(`/tenants/${tenant.id}?tab=audit&event_type=tenant.created`);
  await expect(rows(page)).toHaveCount(1);
  await rows(page).first().getByRole("button").first().click();
  const eventId = (await page.getByTestId("audit-event-panel").getByText(/^evt_/).last().textContent())!.trim();
  await page.keyboard.press("Escape");
  await tamper(`UPDATE audit_events SET after = jsonb_set(coalesce(after, '{}'), '{plan}', '"basic"') WHERE id = $1`, [eventId]);

  await page.getByRole("button", { name: "Verify integrity" }).click();
  const result = page.getByTestId("audit-verify-result");
  await expect(result).toHaveAttribute("data-valid", "false");
  await expect(result).toContainText(eventId);
  await result.getByRole("button", { name: "Open the first broken event" }).click();
  await expect(page.getByTestId("audit-event-panel")).toContainText(eventId);
  await expect(page.getByTestId("audit-event-panel")).toContainText("Tenant · Created");
});
