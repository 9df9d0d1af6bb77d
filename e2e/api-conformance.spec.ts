import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { PORT } from "./support/auth";

/** A raw HTTP request to the e2e server with any Host header (a browser or fetch would not let us choose it). */
function get(host: string, path: string, method = "GET"): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: PORT, path, method, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("health probes answer on a bare IP, loopback and a tenant's host, without naming tenants", async () => {
  for (const host of [`10.0.0.5:${PORT}`, `127.0.0.1:${PORT}`, `acme.localhost:${PORT}`, `localhost:${PORT}`]) {
    for (const path of ["/api/health", "/api/health/live", "/api/health/ready"]) {
      const r = await get(host, path);
      expect(r.status, `${host}${path}: ${r.body}`).toBe(200);
      expect(JSON.parse(r.body).status).toBe("ok");
      expect(r.body).not.toMatch(/acme|tenant/i);
    }
  }
  // Everything else on an address that serves no tenant still answers tenant_not_found.
  const other = await get(`10.0.0.5:${PORT}`, "/api/v1/tenants");
  expect([other.status, JSON.parse(other.body).error.code]).toEqual([404, "tenant_not_found"]);
});

test("unknown paths under /api/ answer the JSON 404 envelope on the console and tenant hosts; real routes are not shadowed", async () => {
  for (const host of [`localhost:${PORT}`, `acme.localhost:${PORT}`]) {
    for (const [method, path] of [["GET", "/api/nope"], ["POST", "/api/v1/tenants/x/unknown-thing"], ["DELETE", "/api/v2/anything/at/all"]]) {
      const r = await get(host, path, method);
      expect(r.status, `${method} ${host}${path}`).toBe(404);
      expect(r.type).toMatch(/^application\/json/);
      expect(JSON.parse(r.body)).toMatchObject({ status: "error", error: { code: "not_found" } });
    }
  }
  expect((await get(`localhost:${PORT}`, "/api/v1/openapi.json")).status).toBe(200);
  expect((await get(`localhost:${PORT}`, "/api/auth/csrf")).status).toBe(200);
  expect((await get(`localhost:${PORT}`, "/api/v1/tenants")).status).toBe(401);
  expect((await get(`acme.localhost:${PORT}`, "/api/v1/tenants")).status).toBe(401);
});
