import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

// An invitation made in the console is accepted in a fresh browser on the
// tenant's own host, and the new member shows up in the console.

test("an invitee opens the link in a fresh browser, creates an account and joins", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `invitee.${randomBytes(3).toString("hex")}@example.com`;
  await signIn(page);
  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await page.getByRole("tab", { name: "Members" }).click();
  await page.getByRole("button", { name: "Invite members" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email addresses").fill(email);
  await dialog.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await dialog.getByRole("button", { name: /^Invite/ }).click();
  const link = (await page.getByRole("dialog", { name: "Invitations created" }).getByLabel(`Invitation link for ${email}`).innerText()).trim();
  expect(link).toMatch(/^http:\/\/acme\.localhost:3100\/invite\//);

  const fresh = await browser.newContext();
  const invitee = await fresh.newPage();
  // The link only works on the inviting tenant's host.
  const elsewhere = await invitee.goto(link.replace("acme.localhost", "globex.localhost"));
  expect(elsewhere?.status()).toBe(200);
  await invitee.getByLabel("Your name").fill("Ina Invitee");
  await invitee.getByLabel("Password").fill("a long enough password");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee.getByTestId("accept-error")).toContainText("does not exist or is no longer valid");

  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { level: 1 })).toContainText("Join Acme Corporation");
  await invitee.getByLabel("Your name").fill("Ina Invitee");
  await invitee.getByLabel("Password").fill("a long enough password");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee.getByTestId("invitation-accepted")).toContainText(email);
  await expect(invitee.getByTestId("invitation-accepted")).toContainText("viewer");
  await invitee.screenshot({ path: "test-results/invitation-accepted.png" });

  // Single use: the same link cannot be used twice.
  await invitee.goto(link);
  await invitee.getByLabel("Your name").fill("Someone Else");
  await invitee.getByLabel("Password").fill("another long password");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee.getByTestId("accept-error")).toContainText(/already been used|already exists/);
  await fresh.close();

  await page.reload();
  await page.getByLabel("Search members").fill(email);
  await expect(page.getByTestId("member-row").filter({ hasText: email })).toContainText("Viewer");
});
