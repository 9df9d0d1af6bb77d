import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { portalUrl, signIn, signInToPortal, STAFF_PASSWORD } from "./support/auth";
import { DESKTOP, expectNoPageOverflow, PHONE } from "./support/layout";

// The usage charts on a tenant of their own (so plan and threshold changes
// touch no other spec): events reported through POST /api/v1/usage/events,
// the console's Usage tab with a plan change as a marker, the alert threshold
// edit on the Limits tab, the portal's Usage page for an owner and refused to
// a member whose role lacks usage:read, and the chart's keyboard path to its
// table. SHOTS_DIR=/tmp/… saves screenshots at 390 and 1440 px.

test.describe.configure({ mode: "serial", timeout: 180_000 });
test.use({ viewport: DESKTOP });

type Envelope<T> = { status: string; data: T };

/** A cookie-authenticated API call from the console's own origin (mutations need a same-host Origin). */
async function api<T>(page: Page, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.fetch(`${origin}${path}`, { method, headers: { Origin: origin, "Content-Type": "application/json" }, data: body === undefined ? undefined : JSON.stringify(body) });
  expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
  return ((await res.json()) as Envelope<T>).data;
}

const slug = `usage-${randomBytes(3).toString("hex")}`;
const owner = `owner@${slug}.example`;
const outsider = `nousage@${slug}.example`;
let tenantId = "";

async function shoot(page: Page, name: string, parts: string[] = []) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  for (const [label, size] of [
    ["1440", DESKTOP],
    ["390", PHONE],
  ] as const) {
    await page.setViewportSize(size);
    await page.waitForTimeout(400);
    await page.screenshot({ path: `${dir}/${name}-${label}.png`, fullPage: true });
    // A phone's full page is too tall to read at once: its first screen and the named parts too.
    if (label === "390") {
      await page.screenshot({ path: `${dir}/${name}-${label}-top.png` });
      for (const id of parts) await page.getByTestId(id).screenshot({ path: `${dir}/${name}-${label}-${id}.png` });
    }
  }
  await page.setViewportSize(DESKTOP);
}

test("setup: a tenant with a week of reported usage, and a member whose role has no usage:read", async ({ page }) => {
  await signIn(page);
  const { tenant } = await api<{ tenant: { id: string } }>(page, "POST", "/api/v1/tenants", {
    tenant: { name: `Usage ${slug}`, slug, plan: "basic", admin_user: { email: owner, name: "Usage Owner", password: STAFF_PASSWORD } },
  });
  tenantId = tenant.id;
  const { role } = await api<{ role: { id: string } }>(page, "POST", `/api/v1/tenants/${tenantId}/roles`, { name: "Members only", permissions: ["members:read"] });
  await api(page, "POST", `/api/v1/tenants/${tenantId}/users`, { user: { email: outsider, name: "No Usage", password: STAFF_PASSWORD, role: role.id } });

  // Seven days of calls, bandwidth, errors and response times, one event per meter and day, then a few in the last hours.
  const now = Date.now();
  const events = [];
  for (let d = 6; d >= 0; d--) {
    const t = new Date(now - d * 86_400_000 - 60_000).toISOString();
    const calls = 600 + (6 - d) * 90;
    events.push(
      { id: `${slug}-calls-${d}`, tenant_id: tenantId, meter: "api_calls", value: calls, timestamp: t },
      { id: `${slug}-bw-${d}`, tenant_id: tenantId, meter: "bandwidth_bytes", value: 3e8 + d * 1e7, timestamp: t },
      { id: `${slug}-err-${d}`, tenant_id: tenantId, meter: "error", value: 4 + d, timestamp: t },
      { id: `${slug}-rt-${d}`, tenant_id: tenantId, meter: "response_time_ms", value: 120 + d * 5, timestamp: t },
    );
  }
  const result = await api<{ accepted: number; rejected: number }>(page, "POST", "/api/v1/usage/events", { events });
  expect(result.accepted).toBe(events.length);
});

test("console Usage tab: charts from the reported events, a plan change as a marker in the chart and its table", async ({ page }) => {
  await signIn(page);
  // The plan change is the audit event the charts must mark.
  await page.goto(`/tenants/${tenantId}?tab=limits`);
  await page.getByRole("radio", { name: /^Professional/ }).check({ force: true });
  await page.getByRole("button", { name: "Change plan" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Change plan" }).click();
  await expect(page.getByText("Plan changed to Professional")).toBeVisible();

  await page.goto(`/tenants/${tenantId}?tab=usage`);
  const calls = page.getByTestId("usage-chart-api_calls");
  // Server-rendered: the chart is there without a loading state.
  await expect(calls.getByTestId("chart-figure")).toBeVisible();
  await expect(calls.getByTestId("chart-figure")).toHaveAccessibleDescription(/API calls: latest [\d,]+/);
  await expect(calls.getByTestId("chart-marker").first()).toBeAttached();
  await expect(calls.getByTestId("chart-marker").first().locator("title")).toHaveText(/Plan changed: Basic → Professional/);
  await expect(calls.getByTestId("chart-figure")).toHaveAccessibleDescription(/Plan changed/);
  // Metrics nobody reported or measured yet say so instead of drawing a flat line.
  await expect(page.getByTestId("usage-chart-atrium_api_calls").or(page.getByTestId("usage-chart-db_connections")).first()).toBeVisible();
  await shoot(page, "console-usage", ["usage-chart-api_calls", "usage-chart-bandwidth", "usage-not-measured"]);

  await calls.getByRole("button", { name: "Show as table" }).click();
  const table = calls.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: "Plan changed" })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: "Plan changed" })).toContainText("Basic → Professional");
  await calls.getByRole("button", { name: "Show as chart" }).click();
  await expect(table).toHaveCount(0);

  // Another period refetches through TanStack Query; the chart keeps its marker.
  await page.getByRole("radio", { name: "Last 24 hours" }).click();
  await expect(page.getByText(/hourly figures, UTC/)).toBeVisible();
  await expect(calls.getByTestId("chart-marker").first()).toBeAttached();
});

test("keyboard: Tab reaches a chart, whose summary it announces, and its toggle shows the table", async ({ page }) => {
  await signIn(page);
  await page.goto(`/tenants/${tenantId}?tab=usage`);
  await page.getByRole("radio", { name: "Last 7 days" }).focus();
  await page.keyboard.press("Tab");
  const calls = page.getByTestId("usage-chart-api_calls");
  await expect(calls.getByRole("button", { name: "Show as table" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(calls.getByTestId("chart-figure")).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(calls.getByRole("table")).toBeVisible();
  await expect(calls.getByRole("button", { name: "Show as chart" })).toBeFocused();
});

test("Limits tab: usage beside each limit, and a threshold edit that persists (a bad order is named at its field)", async ({ page }) => {
  await signIn(page);
  await page.goto(`/tenants/${tenantId}?tab=limits`);
  await expect(page.getByTestId("limit-usage-api_calls_per_day").getByRole("meter")).toBeVisible();
  const form = page.getByTestId("alert-thresholds-form");
  await expect(form.getByLabel("Warning at")).toHaveValue("80");

  await form.getByLabel("Critical at").fill("60");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(form.getByText("Must be above warning_percent (80)")).toBeVisible();
  await expect(form.getByLabel("Critical at")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Warning at").fill("70");
  await form.getByLabel("Critical at").fill("90");
  await form.getByRole("button", { name: "Save thresholds" }).click();
  await expect(page.getByText("Alert thresholds saved")).toBeVisible();
  await shoot(page, "console-limits", ["alert-thresholds-form"]);

  await page.reload();
  await expect(form.getByLabel("Warning at")).toHaveValue("70");
  await expect(form.getByLabel("Critical at")).toHaveValue("90");

  // A daily limit near the figures: drawn with the bands of the saved thresholds, and the change itself marked.
  await page.getByLabel("API calls per day", { exact: true }).fill("2000");
  await page.getByRole("button", { name: "Save limits" }).click();
  await expect(page.getByText("Limits saved")).toBeVisible();
  await page.goto(`/tenants/${tenantId}?tab=usage`);
  const calls = page.getByTestId("usage-chart-api_calls");
  await expect(calls).toContainText("Warning from 70%");
  await expect(calls).toContainText("Critical from 90%");
  await expect(calls.getByTestId("chart-figure")).toHaveAccessibleDescription(/% of the 2,000 limit/);
  await expect(calls.getByTestId("chart-marker")).toHaveCount(2);
  await calls.getByRole("button", { name: "Show as table" }).click();
  await expect(calls.getByRole("table").getByRole("row").filter({ hasText: "Limits changed" })).toContainText("API calls per day 120,000 → 2,000");
  await calls.getByRole("button", { name: "Show as chart" }).click();
  await shoot(page, "console-usage-limit", ["usage-chart-api_calls"]);
});

test("portal Usage page: the owner sees the charts, seats and what happens at each limit", async ({ page }) => {
  await signInToPortal(page, slug, owner);
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Usage" }).click();
  await expect(page.getByRole("heading", { name: "Usage", level: 1 })).toBeVisible();
  await expect(page.getByTestId("usage-chart-api_calls").getByTestId("chart-figure")).toBeVisible();
  await expect(page.getByTestId("usage-limits-glance")).toContainText("Seats");
  const consequences = page.getByTestId("limit-consequences");
  await expect(consequences).toContainText("At 70 % of a limit");
  await expect(consequences).toContainText("429 tenant_limit_exceeded");
  await expect(consequences).toContainText("storage_quota_exceeded");
  await shoot(page, "portal-usage", ["limit-consequences", "usage-chart-api_calls"]);
});

test("portal Usage page: refused to a member without usage:read, and not in their navigation", async ({ page }) => {
  await signInToPortal(page, slug, outsider);
  await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Usage" })).toHaveCount(0);
  await page.goto(portalUrl(slug, "/usage"));
  await expect(page.getByTestId("portal-no-access")).toContainText("You don't have access to usage");
  await expect(page.getByTestId("usage-dashboard")).toHaveCount(0);
});

test("on a phone the charts, their tables and the thresholds form fit the screen", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page);
  await page.goto(`/tenants/${tenantId}?tab=usage`);
  await expect(page.getByTestId("usage-chart-api_calls").getByTestId("chart-figure")).toBeVisible();
  await expectNoPageOverflow(page);
  await page.getByTestId("usage-chart-api_calls").getByRole("button", { name: "Show as table" }).click();
  await expect(page.getByTestId("usage-chart-api_calls").getByRole("list", { name: "API calls as a table" })).toBeVisible();
  await expectNoPageOverflow(page);
  await page.goto(`/tenants/${tenantId}?tab=limits`);
  await expect(page.getByTestId("alert-thresholds-form")).toBeVisible();
  await expectNoPageOverflow(page);
  await signInToPortal(page, slug, owner);
  await page.goto(portalUrl(slug, "/usage"));
  await expect(page.getByTestId("limit-consequences")).toBeVisible();
  await expectNoPageOverflow(page);
});
