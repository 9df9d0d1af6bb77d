import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export type ReceivedMessage = { id: string; type: string; verified: boolean; error: string | null; headers: IncomingHttpHeaders; body: string };

export type WebhookReceiver = {
  url: string;
  received: ReceivedMessage[];
  /** The signing secret the UI showed; messages are verified with it from then on. */
  secret: string | null;
  /** What the receiver answers: 200, or 500 to make deliveries fail. */
  status: number;
  close(): Promise<void>;
};

/**
 * A webhook receiver on 127.0.0.1 (the e2e server runs with
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS=true), verifying every message's
 * Standard Webhooks signature with the `standardwebhooks` library, as a
 * customer's receiver would.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", received: [], secret: null, status: 200, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let verified = false;
      let error: string | null = null;
      let type = "";
      try {
        if (!receiver.secret) throw new Error("no secret yet");
        const payload = new Webhook(receiver.secret).verify(body, {
          "webhook-id": String(req.headers["webhook-id"] ?? ""),
          "webhook-timestamp": String(req.headers["webhook-timestamp"] ?? ""),
          "webhook-signature": String(req.headers["webhook-signature"] ?? ""),
        }) as { type?: string };
        verified = true;
        type = payload.type ?? "";
      } catch (e) {
        error = (e as Error).message;
      }
      receiver.received.push({ id: String(req.headers["webhook-id"] ?? ""), type, verified, error, headers: req.headers, body });
      res.writeHead(receiver.status, { "Content-Type": "text/plain" });
      res.end(receiver.status < 300 ? "ok" : "receiver is failing on purpose");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/atrium`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}
