import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Secrets that must be readable again (webhook signing secrets the worker
 * signs with, SSO client secrets the code exchange sends) cannot be stored as
 * digests: they are sealed with AES-256-GCM under a key derived from
 * SECRETS_ENCRYPTION_KEY, else WEBHOOK_SECRET_KEY, else NEXTAUTH_SECRET.
 * A database dump alone then yields no secret.
 *
 * New values are sealed with the first key set; opening tries that one, then
 * the older sources (GCM's tag tells a wrong key apart), so setting
 * SECRETS_ENCRYPTION_KEY later keeps every value sealed before readable.
 * The derivation (salt, info) is unchanged from the webhook-only box.
 */
const VERSION = "v1";
const cache = new Map<string, Buffer>();

function derive(source: string): Buffer {
  let key = cache.get(source);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", source, "atrium-webhooks", "webhook secret box v1", 32));
    cache.set(source, key);
  }
  return key;
}

/** The sealing key first, then the sources values may have been sealed under before. */
function boxKeys(): Buffer[] {
  const sources = [env.secretsEncryptionKey, env.webhookSecretKey].filter((s): s is string => Boolean(s));
  if (sources.length === 0) throw new Error("SECRETS_ENCRYPTION_KEY (or WEBHOOK_SECRET_KEY, or NEXTAUTH_SECRET) must be set to store secrets");
  return [...new Set(sources)].map(derive);
}

/** A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes (256 bits). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKeys()[0], iv);
  const ct = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `${VERSION}.${iv.toString("base64")}.${cipher.getAuthTag().toString("base64")}.${ct.toString("base64")}`;
}

export function openSecret(sealed: string): string {
  const [version, iv, tag, ct] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || !ct) throw new Error("Unknown sealed secret format");
  let lastError: unknown = null;
  for (const key of boxKeys()) {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      return Buffer.concat([decipher.update(Buffer.from(ct, "base64")), decipher.final()]).toString("utf8");
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`A sealed secret opens with none of the configured keys (was SECRETS_ENCRYPTION_KEY, WEBHOOK_SECRET_KEY or NEXTAUTH_SECRET changed?): ${(lastError as Error).message}`);
}
