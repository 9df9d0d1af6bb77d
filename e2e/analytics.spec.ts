import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { DESKTOP } from "./support/layout";

// The console's Analytics page and the tenant list's health and usage columns,
// against the e2e server's seeded data (90 days of usage reported through the
// ingestion path): what the page shows is what the API computes.

test.describe.configure({ timeout: 120_000 });
test.use({ viewport: DESKTOP });

type Envelope<T> = { status: string; data: T };
type CrossTenant = { tenants_included: number; aggregated_metrics: { total_users?: number; total_api_calls?: number }; segments?: { key: string; tenants: number }[]; tenant_comparison: { tenant_id: string; name: string }[] };
type TenantList = { tenants: { id: string; name: string; health: { score: number; status: string } | null; usage_sparkline: number[] }[] };

async function api<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(path);
  expect(res.status(), `${path}: ${await res.text()}`).toBe(200);
  return ((await res.json()) as Envelope<T>).data;
}

test("Analytics: KPIs and charts from the platform's figures, the table view by keyboard, the period and the top-tenants metric", async ({ page, baseURL }) => {
  await signIn(page);

  // The product reports 400,000 API calls for Acme over five recent days (each day under its plan's daily limit)
  // through the ingestion API, as platform staff; the same batch twice records it once.
  const before = await api<CrossTenant>(page, "/api/v1/analytics/cross-tenant?period=30d&sort=api_calls&order=desc&page_size=10");
  const acme = (await api<TenantList>(page, "/api/v1/tenants?search=acme")).tenants[0];
  const day = 86_400_000;
  const events = [2, 3, 4, 5, 6].map((d) => ({ id: `e2e-analytics-${d}`, tenant_id: acme.id, meter: "api_calls", value: 80_000, timestamp: new Date(Date.now() - d * day).toISOString() }));
  for (const expected of [5, 0]) {
    const res = await page.request.post("/api/v1/usage/events", { data: { events }, headers: { Origin: baseURL! } });
    expect(res.status(), await res.text()).toBe(200);
    expect(((await res.json()) as Envelope<{ accepted: number }>).data.accepted).toBe(expected);
  }
  const after = await api<CrossTenant>(page, "/api/v1/analytics/cross-tenant?period=30d&sort=api_calls&order=desc&page_size=10");
  expect(after.aggregated_metrics.total_api_calls).toBe((before.aggregated_metrics.total_api_calls ?? 0) + 400_000);

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Analytics" }).click();
  await expect(page).toHaveURL(/\/analytics$/);
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();

  // KPIs: the same totals the API answers for the default period.
  const overview = await api<CrossTenant>(page, "/api/v1/analytics/cross-tenant?period=30d&segment_by=plan&page_size=1");
  expect(overview.tenants_included).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId("kpi-tenants")).toHaveText(overview.tenants_included.toLocaleString("en-US"));
  await expect(page.getByTestId("kpi-members")).toHaveText(String(overview.aggregated_metrics.total_users));
  await expect(page.getByTestId("kpi-api-calls")).toHaveText(compact(after.aggregated_metrics.total_api_calls!));

  // Charts are drawn (SVG), each with a text summary naming its figures.
  const byPlan = page.getByTestId("tenants-by-plan");
  await expect(byPlan.locator("svg.recharts-surface")).toBeVisible();
  const planCounts = Object.fromEntries((overview.segments ?? []).map((s) => [s.key, s.tenants]));
  await expect(byPlan.getByTestId("chart-figure")).toContainText(`Professional ${planCounts.professional ?? 0}`);
  await expect(page.getByTestId("growth-chart").locator("svg.recharts-surface")).toBeVisible();
  await expect(page.getByTestId("growth-chart").getByTestId("chart-figure")).toContainText("API calls per day from");
  await expect(page.getByTestId("tenants-by-status").getByTestId("chart-figure")).toContainText("Active");
  await expect(page.getByTestId("health-distribution")).toBeVisible();

  // The table view, by keyboard only: Tab reaches the toggle, Enter shows the same counts as a table.
  const toggle = byPlan.getByTestId("chart-view-toggle");
  await toggle.focus();
  await expect(toggle).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const table = byPlan.getByRole("table", { name: "Tenants by plan as a table" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Professional" })).toContainText(String(planCounts.professional ?? 0));
  await page.keyboard.press("Space");
  await expect(table).toBeHidden();
  await expect(byPlan.locator("svg.recharts-surface")).toBeVisible();

  // Top tenants: ranked as the API ranks them; switching the metric re-ranks.
  const topRows = page.getByTestId("top-tenant-row");
  expect(after.tenant_comparison[0].tenant_id, "the reported calls put Acme first").toBe(acme.id);
  await expect(topRows).toHaveCount(after.tenant_comparison.length);
  for (const [i, t] of after.tenant_comparison.entries()) await expect(topRows.nth(i)).toContainText(t.name);
  await page.getByLabel("Rank tenants by").selectOption({ label: "Members" });
  await expect(page).toHaveURL(/rank=user_count/);
  const byMembers = await api<CrossTenant>(page, "/api/v1/analytics/cross-tenant?period=30d&sort=user_count&order=desc&page_size=10");
  await expect(topRows.first()).toContainText(byMembers.tenant_comparison[0].name);
  await expect(page.getByTestId("top-tenants")).toContainText("By members in the period");

  // The period switcher is a radio group: arrow keys move the choice, and every figure follows.
  const period30 = page.getByRole("radio", { name: "Last 30 days" });
  await period30.focus();
  const reloaded = page.waitForResponse((r) => r.url().includes("/api/v1/analytics/cross-tenant") && r.url().includes("period=90d") && r.status() === 200);
  await page.keyboard.press("ArrowRight");
  await reloaded;
  await expect(page).toHaveURL(/period=90d/);
  await expect(page.getByRole("radio", { name: "Last 90 days" })).toHaveAttribute("aria-checked", "true");
  const ninety = await api<CrossTenant>(page, "/api/v1/analytics/cross-tenant?period=90d&segment_by=plan&page_size=1");
  await expect(page.getByTestId("kpi-tenants")).toHaveText(ninety.tenants_included.toLocaleString("en-US"));

  // A tenant in the top list links to its page.
  await topRows.first().getByRole("link").click();
  await expect(page).toHaveURL(/\/tenants\/tenant_[0-9a-f]{16}/);
  await expect(page.getByTestId("tenant-header")).toContainText(byMembers.tenant_comparison[0].name);
});

test("tenant list: a health badge and a 14-day usage sparkline per tenant; sorting by health follows the API", async ({ page }) => {
  await signIn(page);
  await page.goto("/tenants");
  const rows = page.getByTestId("tenant-row");
  await expect(rows.first()).toBeVisible();

  const list = await api<TenantList>(page, "/api/v1/tenants?page=1&page_size=20&sort=created_at&order=desc");
  for (const [i, t] of list.tenants.entries()) {
    const row = rows.nth(i);
    await expect(row).toContainText(t.name);
    // The health cell by what it holds: a selection column may come first.
    await expect(row.getByRole("cell").filter({ hasText: /(Healthy|Degraded|Critical|Not checked)$/ })).toHaveText(t.health ? new RegExp(`^${t.health.score}\\s*(Healthy|Degraded|Critical)$`) : /^Not checked$/);
    const last = t.usage_sparkline[t.usage_sparkline.length - 1];
    await expect(row.getByRole("img", { name: new RegExp(`^${t.name} API calls per day over 14 days: from .+ to ${compact(last)}`) })).toBeVisible();
  }

  // Sorting by health: the header button, then the order the API gives for sort=health.
  await page.getByRole("button", { name: /^Health/ }).click();
  await expect(page).toHaveURL(/sort=health/);
  const order = (await page.url()).includes("order=asc") ? "asc" : "desc";
  const sorted = await api<TenantList>(page, `/api/v1/tenants?page=1&page_size=20&sort=health&order=${order}`);
  await expect(rows).toHaveCount(sorted.tenants.length);
  for (const [i, t] of sorted.tenants.entries()) await expect(rows.nth(i)).toContainText(t.name);
  const scores = sorted.tenants.map((t) => t.health?.score).filter((s): s is number => s !== undefined);
  expect(scores).toEqual([...scores].sort((a, b) => (order === "asc" ? a - b : b - a)));
});

const compact = (n: number) => new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(n);
