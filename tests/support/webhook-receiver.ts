import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type Received = { path: string; headers: http.IncomingHttpHeaders; body: string; at: number };
export type Reply = { status: number; body?: string; headers?: Record<string, string>; hang?: boolean };

/**
 * A real HTTP server on loopback that records every webhook it receives and
 * answers what the test says (`reply`), per path. `verify` checks a delivery
 * with the standardwebhooks library, as a receiver would.
 */
export async function startWebhookReceiver(host = "127.0.0.1") {
  const received: Received[] = [];
  const replies = new Map<string, Reply | ((r: Received) => Reply)>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: Received = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      received.push(r);
      for (const w of waiters.filter((w) => received.length >= w.n)) w.resolve();
      const rule = replies.get(r.path) ?? { status: 200, body: "ok" };
      const reply = typeof rule === "function" ? rule(r) : rule;
      if (reply.hang) return;
      res.writeHead(reply.status, reply.headers);
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path = "/hook") => `http://${host.includes(":") ? `[${host}]` : host}:${port}${path}`,
    received,
    reply: (path: string, r: Reply | ((r: Received) => Reply)) => replies.set(path, r),
    at: (path: string) => received.filter((r) => r.path === path),
    waitFor: (n: number) => (received.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }))),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** What a receiver does: verify webhook-id/timestamp/signature with the secret, then parse. Throws if it does not verify. */
export function verifyDelivery(secret: string, r: Received): { id: string; type: string; timestamp: string; tenant_id: string | null; data: Record<string, unknown> } {
  const h = r.headers;
  return new Webhook(secret).verify(r.body, { "webhook-id": String(h["webhook-id"]), "webhook-timestamp": String(h["webhook-timestamp"]), "webhook-signature": String(h["webhook-signature"]) }) as never;
}
