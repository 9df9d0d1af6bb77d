import { createServer, request as httpRequest, Agent, type IncomingHttpHeaders, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { installGracefulShutdown, type ShutdownStep } from "@/lib/server/graceful-shutdown";
import { clearDraining, isDraining } from "@/lib/server/draining";

type Reply = { status: number; body: string; headers: IncomingHttpHeaders };

/** A real server whose /slow?ms= answers after that long, and /fast at once. */
async function startServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const ms = Number(url.searchParams.get("ms") ?? 0);
    setTimeout(() => res.end(`done after ${ms}`), ms);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as AddressInfo).port };
}

function get(port: number, path: string, agent?: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, agent }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const servers: Server[] = [];
afterEach(() => {
  clearDraining();
  for (const s of servers.splice(0)) s.closeAllConnections();
});

describe("graceful shutdown of a node:http server", () => {
  it("finishes the requests in flight with Connection: close, refuses new connections, closes idle keep-alive ones, stops work, then cleans up", async () => {
    const { server, port } = await startServer();
    servers.push(server);
    const order: string[] = [];
    const step = (name: string, ms: number): ShutdownStep => ({ name, run: async () => (await sleep(ms), order.push(name)) });
    const logs: string[] = [];
    const life = installGracefulShutdown(server, { timeoutMs: 10_000, stopWork: [step("jobs", 300)], cleanup: [step("pools", 10)], log: (m) => logs.push(m) });

    // An idle keep-alive connection, left open by an earlier request.
    const keepAlive = new Agent({ keepAlive: true, maxSockets: 10 });
    expect((await get(port, "/fast", keepAlive)).status).toBe(200);
    const idleSocketClosed = new Promise<void>((resolve) => Object.values(keepAlive.freeSockets).flat()[0]?.once("close", () => resolve()));

    const slow = [get(port, "/slow?ms=1500", keepAlive), get(port, "/slow?ms=1500", keepAlive), get(port, "/slow?ms=800")];
    await until(() => life.inFlight() === 3, "three requests in flight");
    const started = Date.now();
    const done = life.shutdown("SIGTERM");
    expect(isDraining()).toBe(true);
    // A second signal joins the drain under way.
    expect(life.shutdown("SIGTERM")).toBe(done);

    await idleSocketClosed;
    await expect(get(port, "/fast")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    const replies = await Promise.all(slow);
    for (const r of replies) {
      expect(r.status).toBe(200);
      expect(r.body).toMatch(/^done after/);
      expect(r.headers.connection).toBe("close");
    }
    const result = await done;
    expect(result).toMatchObject({ code: 0, destroyedConnections: 0, incompleteSteps: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000); // it waited for the slow requests
    expect(order).toEqual(["jobs", "pools"]);
    expect(logs.some((l) => l.includes("SIGTERM again: already draining"))).toBe(true);
    expect(server.listening).toBe(false);
    keepAlive.destroy();
  });

  it("destroys the connections still busy at the timeout, reports work cut off and resolves with exit code 1", async () => {
    const { server, port } = await startServer();
    servers.push(server);
    const life = installGracefulShutdown(server, {
      timeoutMs: 500,
      stopWork: [{ name: "stuck job", run: () => new Promise(() => undefined) }],
      log: () => undefined,
    });
    const straggler = get(port, "/slow?ms=20000").catch((err: NodeJS.ErrnoException) => err);
    await until(() => life.inFlight() === 1, "the straggler in flight");
    const started = Date.now();
    const result = await life.shutdown("SIGTERM");
    expect(result).toMatchObject({ code: 1, destroyedConnections: 1, incompleteSteps: ["stuck job"] });
    // The bound the timeout sets (plus the second a job step is allowed past it), far below the straggler's 20 s.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await straggler).toMatchObject({ code: "ECONNRESET" });
  });

  it("answers a request pipelined on a busy connection during the drain, and only the connection's last response says close", async () => {
    const { server, port } = await startServer();
    servers.push(server);
    const life = installGracefulShutdown(server, { timeoutMs: 5_000, log: () => undefined });
    const socket = connect(port, "127.0.0.1");
    let raw = "";
    socket.setEncoding("utf8").on("data", (d: string) => (raw += d));
    const closed = new Promise<void>((r) => socket.on("close", () => r()));
    socket.write("GET /slow?ms=600 HTTP/1.1\r\nHost: x\r\n\r\n");
    await until(() => life.inFlight() === 1, "the slow request in flight");
    const done = life.shutdown("SIGTERM");
    socket.write("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    await closed; // the server ends the connection after the last response
    const responses = raw.split(/(?=HTTP\/1\.1 )/);
    expect(responses.map((r) => r.match(/^HTTP\/1\.1 (\d+)/)?.[1])).toEqual(["200", "200"]);
    expect(responses[0]).toMatch(/done after 600/);
    expect(responses[0]).toMatch(/^Connection: keep-alive/im);
    expect(responses[1]).toMatch(/done after 0/);
    expect(responses[1]).toMatch(/^Connection: close/im);
    expect((await done).code).toBe(0);
  });

  it("with nothing in flight, drains at once and exits 0", async () => {
    const { server } = await startServer();
    servers.push(server);
    const life = installGracefulShutdown(server, { timeoutMs: 5_000, log: () => undefined });
    const result = await life.shutdown("SIGINT");
    expect(result).toMatchObject({ code: 0, destroyedConnections: 0 });
  });
});
