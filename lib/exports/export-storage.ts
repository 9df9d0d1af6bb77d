import type { Readable, Writable } from "node:stream";
import { PassThrough } from "node:stream";
import { backupStorage } from "@/lib/backups/storage";

/**
 * Export archives live in the backups' storage (lib/backups/storage.ts:
 * BACKUP_DIR on local disk, or the BACKUP_S3_URL bucket) under `exports/`,
 * addressed by the tenant and job ids only (never caller input).
 */
export const exportKey = (tenantId: string, jobId: string) => `exports/${tenantId}/${jobId}/archive.tar.gz`;

/** A stream to write the archive into, and the promise of its being stored (await it after ending the stream). */
export function exportWriteStream(key: string): { stream: Writable; stored: Promise<void> } {
  const stream = new PassThrough();
  return { stream, stored: backupStorage().write(key, stream) };
}

/** The stored archive, or null when it is gone. */
export async function openExport(key: string): Promise<Readable | null> {
  return backupStorage()
    .read(key)
    .catch(() => null);
}

/** One export's archive (its retention is over). */
export async function removeExport(tenantId: string, jobId: string): Promise<void> {
  await backupStorage().removePrefix(`exports/${tenantId}/${jobId}`);
}

/** Every archive of a tenant (its purge). */
export async function removeTenantExports(tenantId: string): Promise<void> {
  await backupStorage().removePrefix(`exports/${tenantId}`);
}
