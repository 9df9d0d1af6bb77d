import { createHmac } from "node:crypto";

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
 *
 * Signed with node:crypto rather than the standardwebhooks package's pure-JS
 * SHA-256 (the same bytes, several times cheaper per delivery); the tests
 * verify every delivery with the package itself.
 */
export function webhookHeaders(m: { eventId: string; eventType: string; eventTenantId: string | null; body: string }, secrets: string[], at: Date): Record<string, string> {
  const keys = secrets.map((s) => Buffer.from(s.replace(/^whsec_/, ""), "base64"));
  const timestamp = Math.floor(at.getTime() / 1000);
  const hmac = (key: Buffer, data: string, encoding: "base64" | "hex") => createHmac("sha256", key).update(data).digest(encoding);
  return {
    "content-type": "application/json",
    "user-agent": WEBHOOK_USER_AGENT,
    "webhook-id": m.eventId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": keys.map((k) => `v1,${hmac(k, `${m.eventId}.${timestamp}.${m.body}`, "base64")}`).join(" "),
    "x-signature": keys.map((k) => `sha256=${hmac(k, m.body, "hex")}`).join(","),
    "x-tenant-id": m.eventTenantId ?? "",
    "x-event-type": m.eventType,
  };
}
