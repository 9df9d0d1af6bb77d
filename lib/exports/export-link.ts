import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

let cached: { source: string; key: Buffer } | null = null;

/** Its own HKDF label, so the link key is never the key of anything else derived from NEXTAUTH_SECRET. */
function linkKey(): Buffer {
  const source = env.exportLinkKey;
  if (!source) throw new AppError("internal_error", "EXPORT_LINK_KEY or NEXTAUTH_SECRET must be set to sign export links");
  if (cached?.source !== source) cached = { source, key: Buffer.from(hkdfSync("sha256", source, "atrium-exports", "export download link v1", 32)) };
  return cached.key;
}

const signatureOf = (tenantId: string, jobId: string, expires: number) => createHmac("sha256", linkKey()).update(`${tenantId}\n${jobId}\n${expires}`).digest("base64url");

export const exportDownloadPath = (tenantId: string, jobId: string) => `/api/v1/tenants/${encodeURIComponent(tenantId)}/export/${encodeURIComponent(jobId)}/download`;

/** An absolute link to the archive, valid for EXPORT_LINK_TTL_SECONDS from `now`: the tenant, the job and the expiry are signed together. */
export function signExportLink(tenantId: string, jobId: string, now = Date.now()): { url: string; expiresAt: Date } {
  const expires = Math.floor(now / 1000) + env.exportLinkTtlSeconds;
  // The console's origin: the download route is served there (a tenant's host serves only that tenant's keys).
  const url = `${env.publicScheme}://${env.rootDomain}${exportDownloadPath(tenantId, jobId)}?expires=${expires}&signature=${signatureOf(tenantId, jobId, expires)}`;
  return { url, expiresAt: new Date(expires * 1000) };
}

/** Throws 403 export_link_invalid unless the signature matches (compared in constant time) and the link has not expired. */
export function verifyExportLink(tenantId: string, jobId: string, expires: string, signature: string, now = Date.now()): void {
  const invalid = new AppError("export_link_invalid", "This download link is invalid or has expired; ask for a new one from the export's page");
  const expected = Buffer.from(signatureOf(tenantId, jobId, Number(expires)));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  if (Number(expires) * 1000 <= now) throw invalid;
}
