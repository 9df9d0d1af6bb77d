import { readFile } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { signIn, STAFF_PASSWORD } from "./support/auth";
import { DESKTOP, expectNoPageOverflow, PHONE } from "./support/layout";

// The tenant SQL console end to end: a real server, the tenant's real schema
// and role, real Chromium typing into CodeMirror.

test.describe.configure({ timeout: 120_000 });

async function openSqlConsole(page: Page) {
  await signIn(page);
  await page.goto("/tenants?search=Acme");
  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(page.getByTestId("tenant-header")).toContainText("Acme Corporation");
  await page.getByTestId("tenant-sql-link").click();
  await expect(page).toHaveURL(/\/tenants\/[^/]+\/sql$/);
  await expect(page.getByTestId("sql-page-title")).toContainText("SQL console");
  // The editor is a client-only import: wait for CodeMirror's content element.
  await expect(page.getByTestId("sql-editor-input")).toBeVisible();
}

/** Replaces the editor's text by typing it, as a keyboard user would. */
async function typeStatement(page: Page, sql: string) {
  const editor = page.getByTestId("sql-editor-input");
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  // CodeMirror closes brackets and quotes as they are typed and steps over the closing one typed next,
  // so typing the whole statement leaves exactly it; the completion popup is closed before running.
  await page.keyboard.type(sql);
  await page.keyboard.press("Escape");
  await expect(editor).toHaveText(sql);
}

const WIDE = "SELECT g AS n, 'row ' || g AS label, NULL::text AS nothing, '=1+1' AS formula, now() AS at FROM generate_series(1, 10000) AS g";

test("a query typed and run with Ctrl+Enter shows its rows, plan and CSV; a rejected statement is marked where it went wrong", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await openSqlConsole(page);

  await page.getByTestId("sql-limit-rows").fill("10000");
  await typeStatement(page, WIDE);
  await page.keyboard.press("Control+Enter");

  const summary = page.getByTestId("sql-result-summary");
  await expect(summary).toContainText("10,000 rows");
  const table = page.getByRole("table", { name: "Query results" });
  await expect(table).toHaveAttribute("aria-rowcount", "10001");
  await expect(table.getByRole("columnheader", { name: /label/ })).toContainText("text");
  await expect(table.getByRole("columnheader", { name: "n integer" })).toBeVisible();
  // Virtualised: ten thousand rows, a screenful drawn.
  const drawn = await page.getByTestId("sql-result-row").count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(80);
  await expect(page.getByTestId("sql-result-row").first()).toContainText("row 1");
  await expect(page.getByTestId("sql-result-row").first().locator("[data-null]")).toHaveText(/NULL/);
  // The last row is reachable by scrolling the grid (keyboard: End in the focused region).
  await page.getByTestId("sql-result-grid").focus();
  await page.keyboard.press("End");
  await expect(page.getByRole("row").filter({ hasText: "row 10000" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "row 10000" })).toHaveAttribute("aria-rowindex", "10001");

  // CSV of the whole result, formulas neutralised.
  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("sql-download-csv").click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\n");
  expect(lines[0]).toBe("n,label,nothing,formula,at");
  expect(lines).toHaveLength(10_001);
  expect(lines[1]).toMatch(/^1,row 1,,'=1\+1,\d{4}-\d\d-\d\dT/);

  // The plan of the read-only statement, measured.
  await page.getByRole("tab", { name: "Plan" }).click();
  await expect(page.getByTestId("sql-plan-node").first()).toContainText("Function Scan");
  await expect(page.getByTestId("sql-plan")).toContainText("Actual time");

  // Truncated at the row limit.
  await page.getByTestId("sql-limit-rows").fill("100");
  await page.getByTestId("sql-run").click();
  await expect(page.getByTestId("sql-truncated")).toContainText("first 100 rows");

  // A catalogue read is rejected: the reason, the position in words, and the mark in the editor.
  await typeStatement(page, "SELECT relname FROM pg_class");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("sql-error")).toContainText("pg_class");
  await expect(page.getByTestId("sql-error-position")).toContainText("line 1, column 21");
  await expect(page.locator(".cm-lintRange-error")).toHaveText("pg_class");
  await expect(page.getByTestId("sql-results")).toHaveCount(0);

  // A syntax error on the second line: PostgreSQL's parser gives the offset, the page turns it into line and column.
  await page.getByTestId("sql-editor-input").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type("SELECT 1\nFROM FROM");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("sql-error")).toContainText(/syntax error/i);
  await expect(page.getByTestId("sql-error-position")).toContainText("line 2, column 6");
  await expect(page.locator(".cm-lintRange-error")).toHaveText("FROM");

  // The tenant's own table is fine, and completion offers its columns.
  await typeStatement(page, "SELECT email FROM users");
  await page.keyboard.press("Control+Enter");
  await expect(summary).toContainText("0 rows");
  await page.getByTestId("sql-editor-input").click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type("SELECT * FROM us");
  await page.keyboard.press("Control+Space");
  await expect(page.locator(".cm-tooltip-autocomplete li").first()).toContainText(/users\s*table/);
  await page.keyboard.press("Escape");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("SELECT users.em");
  await page.keyboard.press("Control+Space");
  await expect(page.locator(".cm-tooltip-autocomplete")).toContainText(/email\s*character varying\(255\)/);
  await page.keyboard.press("Escape");

  // History, newest first; choosing an entry puts its text back.
  const history = page.getByTestId("sql-history-item");
  await expect(history.first()).toContainText("SELECT email FROM users");
  await expect(history.filter({ hasText: "pg_class" })).toContainText("query_rejected");
  await history.filter({ hasText: "generate_series" }).click();
  await expect(page.getByTestId("sql-editor-input")).toHaveText(WIDE);

  // Keyboard users leave the editor with Escape then Tab (Tab alone indents).
  await page.getByTestId("sql-editor-input").focus();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest(".cm-editor")))).toBe(false);
});

test("a statement past its timeout is explained; on a phone the editor and results stack and the grid scrolls sideways", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await openSqlConsole(page);
  await page.getByTestId("sql-timeout").fill("200");
  await typeStatement(page, "SELECT count(*) FROM generate_series(1, 50000000)");
  await page.getByTestId("sql-run").click();
  await expect(page.getByTestId("sql-error")).toContainText("200 ms timeout", { timeout: 20_000 });

  await page.getByTestId("sql-timeout").fill("5000");
  await typeStatement(page, WIDE.replace("10000", "50"));
  await page.getByTestId("sql-run").click();
  await expect(page.getByTestId("sql-result-summary")).toContainText("50 rows");
  await expectNoPageOverflow(page);
  const grid = page.getByTestId("sql-result-grid");
  const { scrollWidth, clientWidth } = await grid.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  // Stacked: the results start below the editor, the history below the results.
  const editorBox = (await page.getByTestId("sql-editor").boundingBox())!;
  const resultsBox = (await page.getByTestId("sql-results").boundingBox())!;
  const historyBox = (await page.getByTestId("sql-history").boundingBox())!;
  expect(resultsBox.y).toBeGreaterThan(editorBox.y + editorBox.height);
  expect(historyBox.y).toBeGreaterThan(resultsBox.y);

  // Screenshots to look at (not committed): SQL_SHOTS_DIR=/tmp/… to write them.
  const dir = process.env.SQL_SHOTS_DIR;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: `${dir}/sql-phone.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${dir}/sql-desktop.png`, fullPage: true });
    await page.getByRole("tab", { name: "Plan" }).click();
    await page.screenshot({ path: `${dir}/sql-desktop-plan.png`, fullPage: true });
    await typeStatement(page, "SELECT relname FROM pg_class");
    await page.keyboard.press("Control+Enter");
    await expect(page.getByTestId("sql-error")).toBeVisible();
    await page.screenshot({ path: `${dir}/sql-desktop-rejected.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${dir}/sql-phone-rejected.png`, fullPage: true });
  }
});

test("writes need data:write: the admin turns Read-only off and inserts a row; an operator gets no switch; an auditor no console", async ({ page, browser }) => {
  await page.setViewportSize(DESKTOP);
  await openSqlConsole(page);
  const sqlUrl = page.url();
  const readOnly = page.getByRole("switch", { name: "Read-only" });
  await expect(readOnly).toHaveAttribute("aria-checked", "true");
  await readOnly.click();
  await expect(page.getByText("Read-only is off")).toBeVisible();
  await typeStatement(page, "INSERT INTO users (email, name) VALUES ('sql-e2e@acme.example', 'Written From SQL')");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("sql-result-summary")).toContainText("1 row affected");
  await readOnly.click();
  await typeStatement(page, "SELECT name FROM users WHERE email = 'sql-e2e@acme.example'");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("sql-result-summary")).toContainText("1 row");
  await expect(page.getByTestId("sql-result-row").first()).toContainText("Written From SQL");
  // Read-only again: the same INSERT is refused before it runs.
  await typeStatement(page, "INSERT INTO users (email, name) VALUES ('again@acme.example', 'No')");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("sql-error")).toBeVisible();
  await expect(page.getByTestId("sql-results")).toHaveCount(0);

  const operator = await browser.newPage({ viewport: DESKTOP });
  await signIn(operator, "operator@atrium.local", STAFF_PASSWORD);
  await operator.goto(sqlUrl);
  await expect(operator.getByTestId("sql-editor-input")).toBeVisible();
  await expect(operator.getByRole("switch", { name: "Read-only" })).toHaveCount(0);
  await operator.close();

  const auditor = await browser.newPage({ viewport: DESKTOP });
  await signIn(auditor, "auditor@atrium.local", STAFF_PASSWORD);
  await auditor.goto(sqlUrl.replace(/\/sql$/, ""));
  await expect(auditor.getByTestId("tenant-header")).toBeVisible();
  await expect(auditor.getByTestId("tenant-sql-link")).toHaveCount(0);
  await auditor.goto(sqlUrl);
  await expect(auditor.getByTestId("sql-no-access")).toContainText("data:read");
  await expect(auditor.getByTestId("sql-editor")).toHaveCount(0);
  await auditor.close();
});
