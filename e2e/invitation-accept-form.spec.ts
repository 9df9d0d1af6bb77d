import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { inviteLinkFromOutbox, portalUrl, signIn, signInToPortal } from "./support/auth";
import { DESKTOP, expectNoPageOverflow, PHONE } from "./support/layout";
import { INVITEE_PASSWORD } from "./support/secrets";

// Issue 9 §5: the invitation accept form shows its rules before the first
// submit, and a server error is announced and tied to the field it is about
// (aria-describedby), at phone and desktop sizes.

const SHOTS = process.env.SHOTS_DIR ?? "test-results/shots";

async function inviteNewPerson(page: Page, email: string) {
  await signInToPortal(page, "acme", "jane@acme.example");
  await page.goto(portalUrl("acme", "/members"));
  await page.getByRole("button", { name: "Invite members" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email addresses").fill(email);
  await dialog.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await dialog.getByRole("button", { name: /^Invite/ }).click();
  const results = page.getByRole("dialog", { name: "Invitations created" });
  await expect(results.getByTestId("invite-result")).toContainText("Invitation emailed");
}

test("the accept form shows its rules up front and ties server errors to their fields", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const email = `rules.${randomBytes(3).toString("hex")}@example.com`;
  await inviteNewPerson(page, email);
  await signIn(page);
  const link = await inviteLinkFromOutbox(page, email);

  for (const [name, size] of [
    ["phone", PHONE],
    ["desktop", DESKTOP],
  ] as const) {
    const context = await browser.newContext({ viewport: size });
    const invitee = await context.newPage();
    await invitee.goto(link);
    const nameField = invitee.getByLabel("Your name");
    const password = invitee.getByLabel("Password", { exact: true });

    // Before any submit: the rules are on screen and are the fields' descriptions.
    await expect(invitee.getByText("At least 12 characters.")).toBeVisible();
    await expect(password).toHaveAccessibleDescription(/At least 12 characters/);
    await expect(nameField).toHaveAccessibleDescription(/up to 120 characters/);
    await expect(invitee.getByTestId("accept-error")).toHaveCount(0);
    await expectNoPageOverflow(invitee);
    await invitee.screenshot({ path: `${SHOTS}/accept-rules-${name}.png`, fullPage: true });

    // Rules the browser would not catch (a blank name of spaces) and ones it would: both are the server's to answer.
    await nameField.fill("   ");
    await password.fill("short");
    await invitee.getByRole("button", { name: "Accept invitation" }).click();
    const alert = invitee.getByRole("alert").filter({ hasText: "Not accepted yet" });
    await expect(alert).toContainText("Password must be at least 12 characters");
    await expect(nameField).toHaveAttribute("aria-invalid", "true");
    await expect(nameField).toHaveAccessibleDescription(/Name is required/);
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(/Password must be at least 12 characters/);
    // The rule stays part of the description while the error shows.
    await expect(password).toHaveAccessibleDescription(/At least 12 characters/);
    await expect(nameField, "focus moves to the first field in error").toBeFocused();
    await expectNoPageOverflow(invitee);
    await invitee.screenshot({ path: `${SHOTS}/accept-errors-${name}.png`, fullPage: true });

    if (name === "desktop") {
      // Fixed, the same link joins: the failed tries did not use it up.
      await nameField.fill("Rae Rules");
      await password.fill(INVITEE_PASSWORD);
      await invitee.getByRole("button", { name: "Accept invitation" }).click();
      await expect(invitee).toHaveURL(portalUrl("acme", "/"));
      await expect(invitee.getByText("Signed in as Rae Rules · Viewer")).toBeVisible();
    }
    await context.close();
  }
});
