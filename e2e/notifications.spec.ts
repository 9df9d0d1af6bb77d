import { mkdirSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { PORT, portalUrl, signIn, signInToPortal } from "./support/auth";
import { DESKTOP, PHONE } from "./support/layout";

// Issue 14 §4: staff broadcast from the console; a portal member sees the bell
// count and reads it; a maintenance notice sent from the tenant's Members tab
// shows as a banner on the portal during its window.

const SHOTS = "/tmp/notifications-shots";
const origin = `http://localhost:${PORT}`;
const stamp = Date.now().toString(36);

async function shoot(page: Page, name: string) {
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `${SHOTS}/${name}-${size.width}.png`, fullPage: name.endsWith("list") || name.endsWith("notifications") });
  }
}

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test("staff send a broadcast from the console; a portal member sees the bell count and reads it", async ({ page, browser }) => {
  const title = `Release notes ${stamp}`;
  await signIn(page);
  await page.goto("/broadcasts");
  await expect(page.getByRole("heading", { name: "Broadcasts", level: 1 })).toBeVisible();
  // Only Acme: a filter by plan and tag would need tags; the preview still counts live.
  await page.getByRole("radio", { name: "Tenants matching a filter" }).check();
  await page.getByLabel("Plan").selectOption("professional");
  await expect(page.getByTestId("audience-preview")).toContainText(/Reaches \d+ members? in \d+ tenants?/);
  await page.getByRole("radio", { name: "All active tenants" }).check();
  await expect(page.getByTestId("audience-preview")).toContainText(/Reaches \d+ members? in \d+ tenants?/);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Message").fill("Dashboards load twice as fast. Thanks for using Atrium!");
  await shoot(page, "broadcast-compose");
  await page.getByRole("button", { name: "Send broadcast" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Broadcast sending to/ })).toBeVisible();
  const row = page.getByTestId("broadcast-row").filter({ hasText: title }).first();
  await expect(row).toContainText("sent", { timeout: 20_000 });
  await shoot(page, "broadcasts-list");

  const ctx = await browser.newContext({ viewport: DESKTOP });
  const jane = await ctx.newPage();
  await signInToPortal(jane, "acme", "jane@acme.example");
  const bell = jane.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/);
  const unread = Number((await bell.getAttribute("aria-label"))!.match(/(\d+) unread/)![1]);
  await bell.click();
  const item = jane.getByTestId("notification-item").filter({ hasText: title });
  await expect(item).toBeVisible();
  await shoot(jane, "portal-bell-open");
  await item.click();
  await expect(bell).toHaveAccessibleName(unread > 1 ? `Notifications, ${unread - 1} unread` : "Notifications");
  // The page lists it read; Mark all read clears the rest.
  await jane.goto(portalUrl("acme", "/notifications"));
  await expect(jane.getByTestId("inbox-row").filter({ hasText: title, visible: true }).getByText("Read", { exact: true })).toBeVisible();
  if (unread > 1) await jane.getByRole("button", { name: "Mark all read" }).click();
  await expect(jane.getByTestId("inbox-unread")).toHaveText("All caught up");
  await expect(bell).toHaveAccessibleName("Notifications");
  await shoot(jane, "portal-notifications");
  await ctx.close();
});

test("a maintenance notice sent from the tenant's Members tab shows as a banner on the portal during its window", async ({ page }) => {
  const title = `Database upgrade ${stamp}`;
  await signIn(page);
  await page.goto("/tenants?search=Acme");
  await page.getByTestId("tenant-row").filter({ hasText: "Acme" }).first().getByRole("link").first().click();
  await page.getByRole("tab", { name: "Members" }).click();
  await page.getByRole("button", { name: "Notify members" }).click();
  const dialog = page.getByRole("dialog", { name: "Notify members" });
  await dialog.getByLabel("Title").fill(title);
  await dialog.getByLabel("Message").fill("The portal is read-only while we upgrade the database.");
  await dialog.getByLabel("Type").selectOption("maintenance");
  // datetime-local is the browser's own zone: the window opened a minute ago and lasts two more.
  const [start, end] = await page.evaluate(() => {
    const local = (ms: number) => {
      const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
      return d.toISOString().slice(0, 16);
    };
    return [local(Date.now() - 60_000), local(Date.now() + 120_000)];
  });
  await dialog.getByLabel("Maintenance starts").fill(start);
  await dialog.getByLabel("Maintenance ends").fill(end);
  await shoot(page, "console-notify-dialog");
  await dialog.getByRole("button", { name: "Send", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: /Notification sent to \d+ members?/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Notifications sent to this tenant" }).getByText(title)).toBeVisible();

  // Every portal page, signed in or not, shows it while the window is open.
  await page.goto(portalUrl("acme", "/login"));
  const banner = page.getByRole("region", { name: "Maintenance notice" });
  await expect(banner).toContainText(title);
  await shoot(page, "portal-maintenance-banner");
  // The API names what was sent, with its counts.
  const id = (await (await page.request.get(`${origin}/api/v1/tenants?search=Acme&page_size=5`)).json()).data.tenants.find((t: { slug: string }) => t.slug === "acme").id;
  const messages = (await (await page.request.get(`${origin}/api/v1/tenants/${id}/messages`)).json()).data.messages as { title: string; window: unknown; recipients: number }[];
  expect(messages.find((m) => m.title === title)).toMatchObject({ window: expect.anything() });
});
