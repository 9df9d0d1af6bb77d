import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { DESKTOP, expectNoPageOverflow, PHONE } from "./support/layout";

// The console's Database tab on the seeded Acme tenant: the first screen comes
// with the page (no client fetch needed), the tables list, the largest-tables
// chart and its table view, a table's detail by keyboard, the applied tenant
// migrations, the link to the SQL console, and the phone layout.
// SHOTS_DIR=/tmp/… saves screenshots at 1440 and 390 px.

test.describe.configure({ mode: "serial", timeout: 120_000 });
test.use({ viewport: DESKTOP });

async function shoot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const [label, size] of [
    ["1440", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}

async function acmeId(page: Page): Promise<string> {
  await signIn(page);
  await page.goto("/tenants?search=Acme");
  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(page.getByTestId("tenant-header")).toContainText("Acme Corporation");
  return new URL(page.url()).pathname.split("/").pop()!;
}

test("the Database tab shows the schema's tables, sizes, chart and migrations, server-rendered", async ({ page }) => {
  const id = await acmeId(page);
  // The HTML itself carries the tables and migrations: nothing waits on a client fetch.
  const html = await (await page.request.get(`/tenants/${id}?tab=database`)).text();
  expect(html).toContain("activity_log");
  expect(html).toContain("Applied migrations");
  expect(html).toContain("create documents");

  await page.goto(`/tenants/${id}?tab=database`);
  await expect(page.getByRole("tab", { name: "Database" })).toHaveAttribute("aria-selected", "true");
  const rows = page.getByTestId("database-table-row");
  await expect(rows.filter({ hasText: "documents" })).toBeVisible();
  await expect(rows.filter({ hasText: "users" })).toBeVisible();
  await expect(rows.filter({ hasText: "schema_migrations" })).toBeVisible();
  await expect(page.getByTestId("database-total-tables")).toHaveText(/^\d+$/);

  // The applied tenant migrations: version, name, checksum, time.
  const migrations = page.getByTestId("applied-migrations");
  // A header and the three starter migrations at least (the fleet spec may have applied the e2e fixture migration too).
  await expect(migrations.getByRole("row").nth(3)).toBeVisible();
  await expect(migrations).toContainText("20261123000100");
  await expect(migrations).toContainText("create users");
  await expect(migrations.locator("code").first()).toHaveText(/^[0-9a-f]{64}$/);
  await expect(migrations).toContainText(/UTC/);

  // Sorting is by a header button; name ascending puts activity_log first.
  await page.getByRole("button", { name: /^Table\b/ }).click();
  await expect(rows.first()).toContainText("activity_log");

  // The chart, then the same figures as a table.
  const chart = page.getByTestId("largest-tables-chart");
  await expect(chart.getByTestId("chart-figure")).toBeVisible();
  await expect(chart.locator("figcaption")).toContainText("Largest:");
  await chart.getByTestId("chart-view-toggle").click();
  await expect(page.getByRole("table", { name: "Largest tables as a table" })).toBeVisible();

  // The SQL console is one click away.
  await expect(page.getByTestId("open-sql-console")).toHaveAttribute("href", `/tenants/${id}/sql`);
  await shoot(page, "database-tab");
});

test("a table's columns, indexes, constraints and foreign keys open by keyboard and close with Escape", async ({ page }) => {
  const id = await acmeId(page);
  await page.goto(`/tenants/${id}?tab=database`);
  // The desktop table (the phone cards hold the same buttons, hidden at this width).
  const list = page.getByRole("table", { name: "Tables" });
  const open = list.getByTestId("database-table-open").filter({ hasText: /^activity_log$/ });
  await open.focus();
  await page.keyboard.press("Enter");
  const sheet = page.getByTestId("database-table-detail");
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole("heading", { name: "activity_log" })).toBeVisible();
  await expect(sheet.getByRole("table", { name: "Columns of activity_log" })).toContainText("user_id");
  await expect(sheet.getByRole("table", { name: "Indexes of activity_log" })).toContainText("activity_log_pkey");
  await expect(sheet.getByRole("table", { name: "Foreign keys of activity_log" })).toContainText("users(id)");
  await shoot(page, "database-table-detail");
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(open).toBeFocused();

  // users is referenced by activity_log: its panel lists that too.
  await list.getByTestId("database-table-open").filter({ hasText: /^users$/ }).click();
  await expect(sheet.getByRole("table", { name: "Foreign keys referencing users" })).toContainText("activity_log");
  await page.keyboard.press("Escape");
});

test("phone: no sideways scroll, tables as cards, the detail panel full screen", async ({ page }) => {
  const id = await acmeId(page);
  await page.setViewportSize(PHONE);
  await page.goto(`/tenants/${id}?tab=database`);
  await expect(page.getByTestId("database-table-row-card").first()).toBeVisible();
  await expectNoPageOverflow(page);
  await page.getByTestId("database-table-row-card").filter({ hasText: "documents" }).getByTestId("database-table-open").click();
  const sheet = page.getByTestId("database-table-detail");
  await expect(sheet).toBeVisible();
  const box = await sheet.boundingBox();
  expect(box?.width).toBe(PHONE.width);
  await expectNoPageOverflow(page);
});
