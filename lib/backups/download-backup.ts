import { PassThrough, Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pack } from "tar-stream";
import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { MANIFEST_FILE, manifestBytes, readManifest, storedName } from "@/lib/backups/manifest";
import { backupStorage } from "@/lib/backups/storage";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";

/**
 * GET …/backups/{backup_id}/download: the archive's stored files (still
 * compressed and encrypted as made) in a tar, manifest first, streamed one
 * file after another. The download itself is audited: the archive holds every row.
 */
export async function downloadBackup(caller: Caller, tenantId: string, backupId: string): Promise<{ filename: string; stream: ReadableStream<Uint8Array> }> {
  authorize(caller, "backups:download");
  const row = await withPlatformScope(async (tx) => {
    const backup = await tx.tenantBackup.findFirst({ where: { id: backupId, tenantId }, include: { tenant: { select: { slug: true } } } });
    if (!backup) throw new AppError("not_found", "Backup not found");
    if (backup.status !== "completed") throw new AppError("invalid_state", `The backup is ${backup.status}; only completed backups can be downloaded`);
    await publishEvent(tx, caller, { tenantId, action: "tenant.backup_downloaded", targetType: "backup", targetId: backupId, targetLabel: backup.tenant.slug, before: null, after: { backup_id: backupId } });
    return backup;
  });
  const storage = backupStorage();
  const prefix = `${tenantId}/${backupId}`;
  const { manifest } = await readManifest(storage, prefix);
  const tar = pack();
  const out = new PassThrough();
  void (async () => {
    const bytes = manifestBytes(manifest);
    tar.entry({ name: MANIFEST_FILE, size: bytes.length }, bytes);
    for (const f of manifest.files) {
      const entry = tar.entry({ name: storedName(f.name, manifest), size: f.bytes });
      await pipeline(await storage.read(`${prefix}/${storedName(f.name, manifest)}`), entry);
    }
    tar.finalize();
  })().catch((err: Error) => tar.destroy(err));
  tar.pipe(out);
  tar.on("error", (err) => out.destroy(err));
  const stamp = row.createdAt.toISOString().replace(/\D/g, "").slice(0, 14);
  return { filename: `${row.tenant.slug}-${stamp}-${backupId}.tar`, stream: Readable.toWeb(out) as ReadableStream<Uint8Array> };
}
