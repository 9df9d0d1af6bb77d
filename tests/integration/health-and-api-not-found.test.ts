import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as notFoundRoute from "@/app/api/[...path]/route";
import * as healthRoute from "@/app/api/health/route";
import * as liveRoute from "@/app/api/health/live/route";
import * as readyRoute from "@/app/api/health/ready/route";
import { proxy } from "@/proxy";
import { makeTenant } from "../support/fixtures";

const viaProxy = (host: string, path: string) => proxy(new NextRequest(`http://${host}${path}`, { headers: { host } }));

describe("health probes answer on any host", () => {
  it("the proxy lets /api/health, /live and /ready through on a bare IP, loopback, an unknown host and a tenant's host", async () => {
    const t = await makeTenant();
    for (const host of ["10.0.0.5:3000", "127.0.0.1:3000", "[::1]:3000", "nobody-here.example", `${t.slug}.localhost:3000`, "localhost:3000"]) {
      for (const path of ["/api/health", "/api/health/live", "/api/health/ready"]) {
        const res = await viaProxy(host, path);
        expect(res.headers.get("x-middleware-next"), `${host}${path}`).toBe("1");
      }
    }
    // Other API paths on a host that serves no tenant still say so, as before.
    const other = await viaProxy("10.0.0.5:3000", "/api/v1/tenants");
    expect(other.status).toBe(404);
    expect((await other.json()).error.code).toBe("tenant_not_found");
  });

  it("liveness needs nothing; readiness and /api/health report the database, and none names a tenant", async () => {
    const live = await liveRoute.GET();
    expect([live.status, await live.json()]).toEqual([200, { status: "ok" }]);
    const health = await healthRoute.GET();
    expect(health.status).toBe(200);
    const body = await health.json();
    expect(body).toMatchObject({ status: "ok", database: { status: "up" } });
    expect(Object.keys(body).sort()).toEqual(["database", "status"]);
    expect(health.headers.get("cache-control")).toBe("no-store");
    // Readiness names its checks (tests/integration/readiness.test.ts has the failing ones).
    const ready = await readyRoute.GET();
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ok", checks: { database: "up", migrations: "applied", draining: false } }]);
    expect(ready.headers.get("cache-control")).toBe("no-store");
  });
});

describe("unknown paths under /api/", () => {
  it("answer the JSON envelope 404 not_found for every method, not the HTML page", async () => {
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const) {
      const res = await notFoundRoute[method](new Request("http://localhost:3000/api/v1/nope/deeper", { method }));
      expect(res.status, method).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      if (method === "HEAD") continue;
      expect(await res.json()).toEqual({ status: "error", error: { code: "not_found", message: expect.stringContaining(`${method} /api/v1/nope/deeper`) } });
    }
  });
});
