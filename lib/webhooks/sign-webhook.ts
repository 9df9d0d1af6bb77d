import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";

export const WEBHOOK_USER_AGENT = "Atrium-Webhooks/1.0 (+https://www.standardwebhooks.com)";

/**
 * The headers of one delivery attempt. Standard Webhooks: webhook-id (the
 * event id, stable across retries: the receiver's deduplication key),
 * webhook-timestamp (this attempt, for replay protection) and
 * webhook-signature (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed
 * with the secret's decoded bytes). Seed 000's X-Signature is
 * `sha256=<hex HMAC-SHA256 of the body>` under the same key. During a rotation
 * both secrets sign: space-separated in webhook-signature (as the spec
 * allows), comma-separated in X-Signature.
 */
export function webhookHeaders(m: { eventId: string; eventType: string; eventTenantId: string | null; body: string }, secrets: string[], at: Date): Record<string, string> {
  const signers = secrets.map((s) => new Webhook(s));
  const keys = secrets.map((s) => Buffer.from(s.replace(/^whsec_/, ""), "base64"));
  return {
    "content-type": "application/json",
    "user-agent": WEBHOOK_USER_AGENT,
    "webhook-id": m.eventId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signers.map((w) => w.sign(m.eventId, at, m.body)).join(" "),
    "x-signature": keys.map((k) => `sha256=${createHmac("sha256", k).update(m.body).digest("hex")}`).join(","),
    "x-tenant-id": m.eventTenantId ?? "",
    "x-event-type": m.eventType,
  };
}
