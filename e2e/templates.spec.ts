import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { portalUrl, signIn, signInToPortal, STAFF_PASSWORD } from "./support/auth";
import { DESKTOP } from "./support/layout";

// Tenant templates (issue 14 §2): a tenant created from a template in the
// console runs the template's provisioning steps, and the template's role is
// there in the tenant's portal. The template itself is set up through the API.

test.use({ viewport: DESKTOP });

const suffix = randomBytes(3).toString("hex");
const TEMPLATE_NAME = `Agency ${suffix}`;

/** A same-origin JSON call with the signed-in console session (as the console's own fetches are). */
async function api(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, headers: { "Content-Type": "application/json", Accept: "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    },
    { method, path, body },
  );
}

test("create a tenant from a template: its steps complete and its role is in the portal", async ({ page }) => {
  await signIn(page);
  const created = await api(page, "POST", "/api/v1/tenant-templates", {
    key: `agency-${suffix}`,
    name: TEMPLATE_NAME,
    description: "Client workspaces for agencies",
    definition: {
      plan: "enterprise",
      settings: { timezone: "Europe/Paris", currency: "EUR" },
      branding: { company_name: "Agency Co", primary_color: "#0f766e" },
      roles: [{ name: "Support Desk", description: "Answers customers", permissions: ["members:read"] }],
      webhook_endpoints: [{ url: "https://hooks.example.com/agency", event_types: ["member.*"] }],
      starter_sql: "INSERT INTO documents (title, body) VALUES ('Welcome', 'Start here');",
    },
  });
  expect(created.status).toBe(201);

  await page.goto("/tenants/new");
  await page.getByLabel("Template", { exact: true }).selectOption({ label: `${TEMPLATE_NAME} · v1 (Enterprise)` });
  // The template filled the form in.
  await expect(page.getByRole("radio", { name: /Enterprise/ })).toBeChecked();
  await expect(page.getByLabel("Timezone")).toHaveValue("Europe/Paris");
  await expect(page.getByTestId("template-summary")).toContainText("Roles: Support Desk");

  const slug = `tpl-${suffix}`;
  const email = `owner@${slug}.example`;
  await page.getByLabel("Tenant name").fill(`Template Client ${suffix}`);
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Admin name").fill("Olive Owner");
  await page.getByLabel("Admin email").fill(email);
  await page.getByLabel("Initial password").fill(STAFF_PASSWORD);
  const posted = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/api/v1/tenants/provision-from-template");
  await page.getByRole("button", { name: "Create tenant" }).click();
  expect((await posted).status()).toBe(202);
  await expect(page).toHaveURL(/\/tenants\/tenant_[0-9a-f]+$/);

  // The template's steps are in the live progress view and all complete.
  const steps = page.getByRole("list", { name: "Provisioning steps" }).getByRole("listitem");
  await expect(steps).toHaveCount(9);
  for (const name of ["template_settings", "template_roles", "template_webhooks", "template_starter_data", "branding_apply"]) {
    await expect(page.locator(`[data-step="${name}"]`)).toHaveAttribute("data-status", "completed", { timeout: 20_000 });
  }
  await expect(page.locator('[data-step="template_roles"]')).toContainText("Create template roles");
  await expect(page.getByRole("heading", { name: "Provisioning complete" })).toBeVisible();

  // The role is the tenant's own: its owner sees it on the portal's Roles page.
  await signInToPortal(page, slug, email);
  await page.goto(portalUrl(slug, "/roles"));
  await expect(page.getByRole("list", { name: "Custom roles" }).getByTestId("role-card")).toContainText(["Support Desk"]);
});

test("the template page lists versions and compares a tenant with a newer version", async ({ page }) => {
  await signIn(page);
  // Its own template and a tenant made from version 1, through the API: this test stands alone.
  const name = `Compare ${suffix}`;
  const created = await api(page, "POST", "/api/v1/tenant-templates", { key: `compare-${suffix}`, name, definition: { plan: "professional", limits: { storage_gb: 50 } } });
  expect(created.status).toBe(201);
  const template = created.json.data.template as { id: string };
  const provisioned = await api(page, "POST", "/api/v1/tenants/provision-from-template", { template_id: template.id, name: `Compare Client ${suffix}`, slug: `cmp-${suffix}` });
  expect([201, 202]).toContain(provisioned.status);
  // A second version through the editor: a new storage limit.
  await page.goto(`/templates/${template.id}`);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await page.getByLabel("Storage (GB)", { exact: true }).fill("321");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved as version 2" })).toBeVisible();
  await expect(page.getByTestId("template-version")).toHaveCount(2);

  await page.getByRole("button", { name: "Compare" }).click();
  const entries = page.getByTestId("template-diff-entry");
  await expect(entries.filter({ hasText: "limits.storage_gb" })).toContainText("321");
  await expect(entries.filter({ hasText: /^template/ })).toHaveCount(1);
});
