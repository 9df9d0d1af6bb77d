import { expect, test, type Page } from "@playwright/test";
import { PORT, signIn } from "./support/auth";

const at = (host: string, path = "/") => `http://${host}:${PORT}${path}`;

/** Platform API call from the signed-in console page (session cookie + same-origin Origin). */
async function api(page: Page, method: string, path: string, body?: unknown) {
  const res = await page.request.fetch(at("localhost", path), {
    method,
    headers: { Origin: at("localhost", "").replace(/\/$/, ""), "Content-Type": "application/json" },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status(), json: await res.json() };
}

test.describe("tenant hosts", () => {
  test("a tenant's subdomain serves its portal in its colours", async ({ page }) => {
    const res = await page.goto(at("acme.localhost"));
    expect(res?.status()).toBe(200);
    await expect(page.getByTestId("portal-home")).toContainText("Acme Corporation");
    await expect(page.getByTestId("portal-company")).toHaveText("Acme Corporation");
    const border = await page.locator("header").evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(border).toBe("rgb(11, 95, 255)");
    expect(res?.headers()["cache-control"]).toContain("no-store");
    await page.screenshot({ path: "test-results/portal-acme.png", fullPage: true });
  });

  test("a suspended tenant shows the suspended page and its API answers 403", async ({ page }) => {
    await page.goto(at("initech.localhost"));
    await expect(page.getByTestId("portal-unavailable")).toHaveAttribute("data-status", "suspended");
    await expect(page.getByRole("heading")).toContainText("suspended");
    await page.screenshot({ path: "test-results/portal-suspended.png", fullPage: true });
    const res = await page.goto(at("initech.localhost", "/api/v1/tenants"));
    expect(res?.status()).toBe(403);
    expect(JSON.parse(await page.locator("body").innerText()).error.code).toBe("tenant_suspended");
  });

  test("unknown subdomains and portal paths on the console host are 404", async ({ page }) => {
    const unknown = await page.goto(at("no-such-tenant.localhost"));
    expect(unknown?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    await expect(page.locator("body")).not.toContainText("Acme");
    await page.screenshot({ path: "test-results/portal-unknown.png", fullPage: true });

    const api = await page.goto(at("no-such-tenant.localhost", "/api/v1/tenants"));
    expect(api?.status()).toBe(404);
    expect(JSON.parse(await page.locator("body").innerText()).error.code).toBe("tenant_not_found");

    const direct = await page.goto(at("localhost", "/t/acme"));
    expect(direct?.status()).toBe(404);
    const crossed = await page.goto(at("globex.localhost", "/t/acme"));
    expect(crossed?.status()).toBe(404);
    await expect(page.locator("body")).not.toContainText("Acme Corporation");
  });

  test("header tricks change nothing", async ({ page, context }) => {
    const trick = { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy", "x-forwarded-host": `acme.localhost:${PORT}` };
    const plain = await page.goto(at("acme.localhost"));
    const plainText = await page.getByTestId("portal-home").innerText();
    await context.setExtraHTTPHeaders(trick);
    const tricked = await page.goto(at("acme.localhost"));
    expect(tricked?.status()).toBe(plain?.status());
    expect(await page.getByTestId("portal-home").innerText()).toBe(plainText);

    // The console still demands a session; the API still demands a key.
    await page.goto(at("localhost", "/tenants"));
    await expect(page).toHaveURL(/\/login/);
    const apiRes = await page.goto(at("localhost", "/api/v1/tenants"));
    expect(apiRes?.status()).toBe(401);
    // And the console host never serves a portal path, proxy or not.
    const direct = await page.goto(at("localhost", "/t/acme"));
    expect(direct?.status()).toBe(404);
  });

  test("the portal follows the tenant's lifecycle at once (cache invalidated on change)", async ({ page }) => {
    await signIn(page);
    const slug = `e2e-portal-${Date.now().toString(36)}`;
    const created = await api(page, "POST", "/api/v1/tenants", {
      tenant: { name: "Portal Lifecycle Co", slug, plan: "basic", admin_user: { email: `owner@${slug}.test`, name: "Owner" }, branding: { primary_color: "#be123c" } },
    });
    expect(created.status).toBe(201);
    const id = created.json.data.tenant.id as string;

    const portal = await page.context().newPage();
    await portal.goto(at(`${slug}.localhost`));
    await expect(portal.getByTestId("portal-home")).toContainText("Portal Lifecycle Co");

    expect((await api(page, "POST", `/api/v1/tenants/${id}/suspend`, { reason: "e2e" })).status).toBe(200);
    await portal.reload();
    await expect(portal.getByTestId("portal-unavailable")).toHaveAttribute("data-status", "suspended");

    expect((await api(page, "POST", `/api/v1/tenants/${id}/reactivate`, {})).status).toBe(200);
    await portal.reload();
    await expect(portal.getByTestId("portal-home")).toBeVisible();

    expect((await api(page, "PUT", `/api/v1/tenants/${id}`, { name: "Portal Renamed Co" })).status).toBe(200);
    await portal.reload();
    await expect(portal.getByTestId("portal-home")).toContainText("Portal Renamed Co");

    const del = await page.request.fetch(at("localhost", `/api/v1/tenants/${id}?confirmation=DELETE_PERMANENTLY&grace_period_days=7`), {
      method: "DELETE",
      headers: { Origin: `http://localhost:${PORT}` },
    });
    expect(del.status()).toBe(200);
    await portal.reload();
    await expect(portal.getByTestId("portal-unavailable")).toHaveAttribute("data-status", "pending_deletion");

    expect((await api(page, "POST", `/api/v1/tenants/${id}/cancel-deletion`, {})).status).toBe(200);
    await portal.reload();
    await expect(portal.getByTestId("portal-home")).toBeVisible();
  });

  test("cookie-authenticated changes from another origin are refused", async ({ page }) => {
    await signIn(page);
    const res = await page.request.fetch(at("localhost", "/api/v1/tenants"), {
      method: "POST",
      headers: { Origin: "http://evil.example", "Content-Type": "application/json" },
      data: JSON.stringify({ tenant: { name: "Evil", admin_user: { email: "e@evil.example", name: "E" } } }),
    });
    expect(res.status()).toBe(403);
    expect((await res.json()).error.code).toBe("origin_not_allowed");
  });

  test("health and OpenAPI are served", async ({ request }) => {
    const health = await request.get("/api/health");
    expect(health.status()).toBe(200);
    expect((await health.json()).database.status).toBe("up");
    const doc = await (await request.get("/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/api/v1/tenants/{id}");
  });
});
