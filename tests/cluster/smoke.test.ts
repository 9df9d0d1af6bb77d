import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostRequest } from "../../scripts/lib/host-request";
import { startTwoInstances, type TwoInstances } from "./support/two-instances";

let cluster: TwoInstances;
beforeAll(async () => {
  cluster = await startTwoInstances({ env: { REQUIRE_STAFF_2FA: "false" } });
});
afterAll(async () => {
  await cluster?.stop();
});

describe("two instances behind Caddy", () => {
  it("each instance serves the console's sign-in page on the public host", async () => {
    for (const instance of [cluster.a, cluster.b]) {
      const res = await hostRequest(instance.url, { host: cluster.rootDomain, path: "/login" });
      expect(res.status, instance.name).toBe(200);
      expect(res.body).toContain("Sign in");
    }
  });

  it("Caddy serves the sign-in page over TLS with its internal CA's certificate", async () => {
    for (let i = 0; i < 4; i++) {
      const res = await cluster.viaCaddy({ host: cluster.rootDomain, path: "/login" });
      expect(res.status).toBe(200);
      expect(res.body).toContain("Sign in");
    }
  });

  it("the live probe answers on the instances' own addresses (Caddy's health checks)", async () => {
    for (const instance of [cluster.a, cluster.b]) {
      const res = await hostRequest(instance.url, { host: `127.0.0.1:${instance.port}`, path: "/api/health/live" });
      expect(res.status).toBe(200);
    }
  });

  it("both instances started their job worker (two at once on one database used to deadlock in pg-boss's createQueue)", () => {
    for (const instance of [cluster.a, cluster.b]) {
      const log = readFileSync(instance.logFile, "utf8").split(/^--- .* started /m).at(-1)!;
      // Structured log lines (lib/observability/logger.ts): the server's own start line, and no error from the job worker.
      const lines = log.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { level: string; component?: string; msg: string });
      expect(lines.map((l) => l.msg), instance.name).toContain("Atrium server listening");
      expect(lines.filter((l) => l.component === "jobs" && l.level === "error"), instance.name).toEqual([]);
    }
  });
});
