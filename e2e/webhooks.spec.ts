import { expect, test, type Page } from "@playwright/test";
import { portalUrl, signIn, signInToPortal, STAFF_PASSWORD } from "./support/auth";
import { startWebhookReceiver, type WebhookReceiver } from "./support/webhook-receiver";

// Outgoing webhooks end to end: an endpoint added in the portal points at a
// receiver this worker runs on loopback, which verifies each signature with
// the `standardwebhooks` library and the secret copied from the UI; failures
// show up in the delivery log with a scheduled retry, and a replay delivers.

test.describe.configure({ timeout: 180_000 });

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver?.close();
});

const deliveryRows = (page: Page) => page.getByTestId("webhook-delivery-row");

/** Deletes the endpoint the page shows (acme is shared by the other specs). */
async function deleteOpenEndpoint(page: Page) {
  await page.getByTestId("webhook-endpoint-detail").getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page.getByTestId("webhook-endpoint-detail")).toHaveCount(0);
}

test("an endpoint receives signed events, shows failures with their retry, and a replay delivers", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: portalUrl("acme", "").replace(/\/$/, "") });
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(portalUrl("acme", "/webhooks"));
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

  // A URL the server refuses comes back as an error on the URL field.
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Endpoint URL").fill("ftp://example.com/hook");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByLabel("Endpoint URL")).toHaveAttribute("aria-invalid", "true");
  await expect(dialog.locator("#new-endpoint-url-error")).toBeVisible();

  await dialog.getByLabel("Endpoint URL").fill(receiver.url);
  await dialog.getByLabel("Description").fill("e2e receiver");
  await dialog.getByRole("button", { name: "Add endpoint" }).click();
  await expect(dialog.getByRole("heading", { name: "Copy the signing secret" })).toBeVisible();
  const shown = (await dialog.getByTestId("webhook-secret").textContent())!.trim();
  expect(shown).toMatch(/^whsec_[A-Za-z0-9+/=]{32,}$/);
  await dialog.getByRole("button", { name: "Copy secret" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  receiver.secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(receiver.secret).toBe(shown);
  await dialog.getByRole("button", { name: "Done" }).click();

  const detail = page.getByTestId("webhook-endpoint-detail");
  await expect(detail.getByRole("heading", { name: receiver.url })).toBeVisible();
  await expect(page).toHaveURL(/[?&]endpoint=/);
  await expect(detail.getByText(/Deliveries appear here after the first event/)).toBeVisible();

  try {
    // 1. A test event is delivered and its signature verifies.
    await detail.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(receiver.received[0], receiver.received[0].error ?? "").toMatchObject({ verified: true });
    await expect(deliveryRows(page).filter({ hasText: "Delivered" }).first()).toBeVisible({ timeout: 20_000 });

    // 2. The receiver fails: the attempt shows its 500 and a retry is scheduled.
    receiver.status = 500;
    const before = receiver.received.length;
    await detail.getByRole("button", { name: "Send test event" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBeGreaterThan(before);
    const failing = deliveryRows(page).filter({ has: page.getByTestId("next-retry") }).first();
    await expect(failing).toBeVisible({ timeout: 20_000 });
    await expect(failing).toContainText("500");

    // 3. The receiver recovers; replaying the failed message delivers it.
    receiver.status = 200;
    const failedId = receiver.received.at(-1)!.id;
    await failing.getByRole("button", { name: /^Replay / }).click();
    await expect.poll(() => receiver.received.filter((m) => m.id === failedId && m.verified).length, { timeout: 20_000 }).toBeGreaterThan(1);
    await expect(deliveryRows(page).filter({ hasText: "Failed" })).toHaveCount(0, { timeout: 20_000 });
    await expect(deliveryRows(page).filter({ hasText: "Delivered" })).toHaveCount(2, { timeout: 20_000 });

    // The attempts of that message: the 500 with the receiver's answer, then the success.
    await deliveryRows(page).first().getByRole("button", { name: /^Attempts of / }).click();
    const attempts = page.getByRole("dialog").getByTestId("delivery-attempts").getByRole("listitem");
    await expect(attempts.filter({ hasText: "500" }).first()).toContainText("receiver is failing on purpose");
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();

    await expect(detail.getByTestId("delivery-chart-summary")).toContainText(/delivered/);
    expect(receiver.received.every((m) => m.verified)).toBe(true);
  } finally {
    await deleteOpenEndpoint(page);
  }
});

test("a viewer sees no Webhooks page", async ({ page }) => {
  await signInToPortal(page, "acme", "victor@acme.example");
  await expect(page.getByRole("navigation", { name: "Portal" }).getByRole("link", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await page.goto(portalUrl("acme", "/webhooks"));
  await expect(page.getByTestId("portal-no-access")).toContainText("You don't have access to webhooks");
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);
});

test("staff without the webhook permissions see neither the platform page nor a tenant's Webhooks tab", async ({ page }) => {
  await signIn(page, "auditor@atrium.local", STAFF_PASSWORD);
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Tenants" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  await page.goto("/webhooks");
  await expect(page.getByText("You don't have access to platform webhooks")).toBeVisible();
  await expect(page.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);

  // Found by name: the specs before this one add tenants, and the first page is the newest.
  await page.goto("/tenants?search=Acme");
  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(page.getByRole("tab", { name: "Members" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Webhooks" })).toHaveCount(0);
  // The address of the tab falls back to the overview rather than showing a tab the role cannot use.
  await page.goto(`${new URL(page.url()).pathname}?tab=webhooks`);
  await expect(page.getByRole("tab", { name: "Overview" })).toHaveAttribute("aria-selected", "true");
});
