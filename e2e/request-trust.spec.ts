import { request as httpRequest } from "node:http";
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ADMIN, PORT, portalUrl, signIn } from "./support/auth";

// What Atrium's server (scripts/server.ts) believes about a request, against the
// production build: the client's address is the socket's (TRUSTED_PROXY_COUNT=0,
// the default), never a header the client wrote, and next-auth speaks only for
// the Host Atrium serves.

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** A raw HTTP request from a chosen loopback source address, so this test's sign-in throttling touches no other test. */
function send(localAddress: string, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: PORT, localAddress, path, method: opts.method ?? "GET", headers: { host: `localhost:${PORT}`, ...opts.headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** The password step of signing in, as the login form posts it; true when it lets the account on (a ticket or a second-factor challenge). */
async function signInFrom(localAddress: string, email: string, password: string, forged: Record<string, string>): Promise<boolean> {
  const res = await send(localAddress, "/api/sign-in/password", {
    method: "POST",
    headers: { ...forged, "content-type": "application/json", origin: `http://localhost:${PORT}` },
    body: JSON.stringify({ email, password }),
  });
  return res.status === 200 && ["complete", "second_factor"].includes(JSON.parse(res.body).data?.next);
}

test("a client rotating X-Forwarded-For still hits the per-address sign-in limit: the address is the socket's", async () => {
  test.setTimeout(180_000);
  // A loopback address of its own (127.0.0.0/8 all reach the server), so the limit it fills is this test's.
  const me = `127.${1 + randomBytes(1)[0] % 250}.${randomBytes(1)[0]}.${2 + (randomBytes(1)[0] % 250)}`;
  // 5 failures per email, ×4 per address (SIGN_IN_MAX_FAILURES): 20 attempts with 20 different emails fill the address.
  for (let i = 0; i < 20; i++) {
    const forged = { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `203.0.113.${i}`, forwarded: `for=203.0.113.${i}`, "x-atrium-client-ip": `203.0.113.${i}` };
    expect(await signInFrom(me, `nobody-${i}-${randomBytes(2).toString("hex")}@example.com`, "wrong-password", forged)).toBe(false);
  }
  // The right password from the same socket is now refused, whatever address the headers claim…
  expect(await signInFrom(me, ADMIN.email, ADMIN.password, { "x-forwarded-for": "198.51.100.200", "x-atrium-client-ip": "198.51.100.200" })).toBe(false);
  // …while another address signs in (and clears the email's count) as usual.
  expect(await signInFrom("127.0.0.1", ADMIN.email, ADMIN.password, {})).toBe(true);
});

test("API rate limits follow the key through the real server: rotating X-Forwarded-For resets nothing, and every counted answer says where the key stands", async ({ page }) => {
  test.setTimeout(180_000);
  // A platform key of its own, made in the console, so the allowance this test uses up is nobody else's.
  await signIn(page);
  await page.goto("/api-keys");
  await page.getByRole("button", { name: "Create API key" }).click();
  const dialog = page.getByRole("dialog", { name: "Create API key" });
  await dialog.getByLabel("Name", { exact: true }).fill(`e2e rate limit ${Date.now()}`);
  await dialog.getByRole("button", { name: "Read-only" }).click();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^atr_/);
  await page.getByRole("dialog", { name: "Copy your new API key" }).getByRole("button", { name: "Done" }).click();

  // seed 000: tenant queries, 100 per minute per caller (the e2e server keeps the default).
  const statuses: number[] = [];
  let last: Answer | null = null;
  for (let i = 0; i < 101; i++) {
    const forged = { "x-forwarded-for": `203.0.113.${i % 250}`, "x-real-ip": `198.51.100.${i % 250}`, forwarded: `for=192.0.2.${i % 250}`, "x-atrium-client-ip": `192.0.2.${i % 250}` };
    last = await send("127.0.0.1", "/api/v1/tenants?page_size=1", { headers: { ...forged, authorization: `Bearer ${key}` } });
    statuses.push(last.status);
    if (i === 0) {
      expect(last.headers["ratelimit-policy"]).toBe('"tenant_queries";q=100;w=60');
      expect(last.headers["ratelimit"]).toMatch(/^"tenant_queries";r=99;t=\d+$/);
    }
  }
  expect(statuses.slice(0, 100).every((s) => s === 200), `statuses: ${statuses.join(",")}`).toBe(true);
  expect(last!.status).toBe(429);
  expect(Number(last!.headers["retry-after"])).toBeGreaterThan(0);
  expect(last!.headers["ratelimit"]).toMatch(/^"tenant_queries";r=0;t=\d+$/);
  expect(JSON.parse(last!.body).error).toMatchObject({ code: "rate_limit_exceeded", details: { limit: 100, window_seconds: 60 } });
});

test("next-auth names only the host it was asked on, whatever X-Forwarded-Host says, on the console and a tenant's host", async () => {
  const forged = { "x-forwarded-host": "evil.test", "x-forwarded-proto": "https", forwarded: "host=evil.test;proto=https" };
  for (const host of [`localhost:${PORT}`, new URL(portalUrl("acme")).host]) {
    for (const path of ["/api/auth/providers", "/api/auth/csrf", `/api/auth/signin?callbackUrl=${encodeURIComponent("http://evil.test/steal")}`]) {
      const res = await send("127.0.0.1", path, { headers: { ...forged, host } });
      expect(res.status, `${host}${path}`).toBeLessThan(400);
      const everything = [res.body, String(res.headers.location ?? ""), ...((res.headers["set-cookie"] as string[] | undefined) ?? [])].join("\n");
      expect(everything, `${host}${path}`).not.toContain("evil.test");
      expect(everything, `${host}${path}`).not.toContain("https:");
      for (const url of everything.match(/https?:\/\/[^\s"';,&)]+/g) ?? []) expect(new URL(url).host, `${host}${path}`).toBe(host);
    }
    const providers = JSON.parse((await send("127.0.0.1", "/api/auth/providers", { headers: { ...forged, host } })).body);
    expect(providers.ticket.callbackUrl).toBe(`http://${host}/api/auth/callback/ticket`);
  }
  // A host Atrium does not serve gets no next-auth answer.
  const unknown = await send("127.0.0.1", "/api/auth/providers", { headers: { host: "evil.test", "x-forwarded-host": `localhost:${PORT}` } });
  expect(unknown.status).toBe(404);
});

test("a NUL byte in a path id or a query value is a 400 naming the field through the real server", async ({ page }) => {
  await signIn(page);
  const byId = await page.request.get(`http://localhost:${PORT}/api/v1/tenants/%00`);
  expect(byId.status()).toBe(400);
  expect((await byId.json()).error.details).toEqual([expect.objectContaining({ path: "id" })]);
  const search = await page.request.get(`http://localhost:${PORT}/api/v1/tenants?search=a%00b`);
  expect(search.status()).toBe(400);
  expect((await search.json()).error.details).toEqual([expect.objectContaining({ path: "search" })]);
});
