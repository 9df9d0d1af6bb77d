import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Webhook signing secrets must be readable again (the worker signs with them),
 * so unlike API keys they cannot be stored as digests: they are sealed with
 * AES-256-GCM under a key derived from WEBHOOK_SECRET_KEY (or NEXTAUTH_SECRET).
 * A database dump alone then yields no secret.
 */
const VERSION = "v1";
let cached: { source: string; key: Buffer } | null = null;

function boxKey(): Buffer {
  const source = env.webhookSecretKey;
  if (!source) throw new Error("WEBHOOK_SECRET_KEY (or NEXTAUTH_SECRET) must be set to store webhook secrets");
  if (cached?.source !== source) cached = { source, key: Buffer.from(hkdfSync("sha256", source, "atrium-webhooks", "webhook secret box v1", 32)) };
  return cached.key;
}

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (256 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKey(), iv);
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${VERSION}.${iv.toString("base64")}.${cipher.getAuthTag().toString("base64")}.${ct.toString("base64")}`;
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !ct) throw new Error("Unknown webhook secret format");
  const decipher = createDecipheriv("aes-256-gcm", boxKey(), Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
}
