import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";

// The Members tab of the console's tenant page, against the seeded demo tenant
// "acme": owner@acme.example plus jane (admin), marco (manager), mia (member)
// and victor (viewer), a custom role "Support", a pending and an expired
// invitation. Mia ends where she started, so the test can run again on the
// same database.

test.describe.configure({ mode: "serial", timeout: 120_000 });

const suffix = randomBytes(3).toString("hex");
const invitees = [`ana.${suffix}@example.com`, `ben.${suffix}@example.com`];

const memberRow = (page: Page, name: string) => page.getByTestId("member-row").filter({ hasText: name });
const invitationRow = (page: Page, email: string) => page.getByTestId("invitation-row").filter({ hasText: email });

async function memberAction(page: Page, name: string, item: RegExp) {
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

async function openAcmeMembers(page: Page) {
  await signIn(page);
  await page.goto("/tenants?search=Acme");
  await page.getByRole("link", { name: "Acme Corporation" }).click();
  await expect(page.getByTestId("tenant-header")).toContainText("Acme Corporation");
  await page.getByRole("tab", { name: "Members" }).click();
  await expect(page).toHaveURL(/\?tab=members$/);
  await expect(memberRow(page, "Acme Owner")).toBeVisible();
}

async function search(page: Page, term: string, expected: string) {
  await page.getByLabel("Search members").fill(term);
  await expect(page.getByTestId("member-row")).toHaveCount(1);
  await expect(memberRow(page, expected)).toBeVisible();
}

test("manages a member: search, change role, suspend and reactivate", async ({ page }) => {
  await openAcmeMembers(page);
  await expect(page.getByTestId("member-row")).toHaveCount(5);
  await expect(memberRow(page, "Mia Member")).toContainText("mia@acme.example");

  await search(page, "mia", "Mia Member");
  const mia = memberRow(page, "Mia Member");
  await expect(mia).toContainText("Member");
  await expect(mia).toContainText("Active");

  // Role: member → viewer, from the built-in and custom roles.
  await memberAction(page, "Mia Member", /^Change role/);
  const roleDialog = page.getByRole("dialog", { name: "Change role" });
  await expect(roleDialog.getByRole("option", { name: "Support" })).toBeAttached();
  await roleDialog.getByLabel("Role").selectOption("viewer");
  await roleDialog.getByRole("button", { name: "Change role" }).click();
  await expect(roleDialog).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "Mia Member is now Viewer" })).toBeVisible();
  await expect(mia).toContainText("Viewer");

  // The role filter finds her among the viewers.
  await page.getByLabel("Filter by role").selectOption("viewer");
  await expect(mia).toBeVisible();
  await page.getByLabel("Filter by role").selectOption("");

  // Suspend (with confirmation), then reactivate.
  await memberAction(page, "Mia Member", /^Suspend/);
  const suspendDialog = page.getByRole("dialog", { name: "Suspend member?" });
  await suspendDialog.getByRole("button", { name: "Suspend member" }).click();
  await expect(suspendDialog).toBeHidden();
  await expect(mia).toContainText("Suspended");

  await memberAction(page, "Mia Member", /^Reactivate/);
  await expect(mia).toContainText("Active");
  await expect(mia).not.toContainText("Suspended");

  // Back to where the seed left her.
  await memberAction(page, "Mia Member", /^Change role/);
  await roleDialog.getByLabel("Role").selectOption("member");
  await roleDialog.getByRole("button", { name: "Change role" }).click();
  await expect(roleDialog).toBeHidden();
  await expect(mia).not.toContainText("Viewer");
});

test("the last owner cannot be demoted", async ({ page }) => {
  await openAcmeMembers(page);
  await search(page, "owner@acme", "Acme Owner");
  await memberAction(page, "Acme Owner", /^Change role/);
  const dialog = page.getByRole("dialog", { name: "Change role" });
  await dialog.getByLabel("Role").selectOption("admin");
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(dialog.getByRole("alert")).toContainText("A tenant must keep at least one active owner");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(memberRow(page, "Acme Owner")).toContainText("Owner");
});

test("invites two people by email and revokes one", async ({ page }) => {
  await openAcmeMembers(page);
  // The seeded open invitations: one pending, one expired.
  await expect(invitationRow(page, "new.hire@acme.example")).toContainText("Pending");
  await expect(invitationRow(page, "late.reply@acme.example")).toContainText("Expired");

  await page.getByRole("button", { name: "Invite members" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite members" });
  await dialog.getByLabel("Email addresses").fill(`${invitees[0]},\n${invitees[1].toUpperCase()}`);
  await dialog.getByLabel("Role", { exact: true }).selectOption({ label: "Viewer" });
  await dialog.getByRole("button", { name: "Invite 2 people" }).click();

  const results = page.getByRole("dialog", { name: "Invitations created" });
  await expect(results.getByTestId("invite-result")).toHaveCount(2);
  for (const email of invitees) {
    await expect(results.getByTestId("invite-result").filter({ hasText: email })).toContainText("Invitation emailed");
  }
  // Whoever invites never sees the token: the link exists only in the mail.
  await expect(results.getByText(/\/invite\//)).toHaveCount(0);
  await results.getByRole("button", { name: "Done" }).click();
  await expect(results).toBeHidden();

  for (const email of invitees) {
    await expect(invitationRow(page, email)).toContainText("Pending");
    await expect(invitationRow(page, email)).toContainText("Viewer");
  }

  // Revoke one (with confirmation); the other stays.
  await page.getByRole("button", { name: `Revoke invitation to ${invitees[0]}` }).click();
  const revoke = page.getByRole("dialog", { name: "Revoke invitation?" });
  await revoke.getByRole("button", { name: "Revoke invitation" }).click();
  await expect(revoke).toBeHidden();
  await expect(invitationRow(page, invitees[0])).toHaveCount(0);
  await expect(invitationRow(page, invitees[1])).toBeVisible();

  // Inviting the same address again is refused per email, not for the whole batch.
  await page.getByRole("button", { name: "Invite members" }).click();
  await dialog.getByLabel("Email addresses").fill(`${invitees[1]}\nmia@acme.example`);
  await dialog.getByRole("button", { name: "Invite 2 people" }).click();
  await expect(results.getByTestId("invite-result").filter({ hasText: invitees[1] })).toContainText("Already invited");
  await expect(results.getByTestId("invite-result").filter({ hasText: "mia@acme.example" })).toContainText("Already a member");
  await expect(results.getByTestId("invite-link")).toHaveCount(0);
});
