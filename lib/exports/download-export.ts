import type { Readable } from "node:stream";
import { withPlatformScope } from "@/lib/db/scope";
import { verifyExportLink } from "@/lib/exports/export-link";
import { openExport } from "@/lib/exports/export-storage";
import { AppError } from "@/lib/http/errors";

/**
 * The archive behind a signed link. The signature and expiry are checked
 * before the database is asked anything, so a forged link learns nothing
 * about which tenants or exports exist.
 */
export async function openVerifiedExport(tenantId: string, jobId: string, expires: string, signature: string): Promise<{ stream: Readable; bytes: number; filename: string }> {
  verifyExportLink(tenantId, jobId, expires, signature);
  const row = await withPlatformScope((tx) =>
    tx.tenantExport.findFirst({ where: { id: jobId, tenantId, status: "completed" }, select: { storagePath: true, result: true, tenant: { select: { slug: true } } } }),
  );
  const stream = row?.storagePath ? await openExport(row.storagePath) : null;
  if (!row || !stream) throw new AppError("not_found", "This export is no longer available; start a new one");
  return { stream, bytes: (row.result as { bytes: number }).bytes, filename: `${row.tenant.slug}-${jobId}.tar.gz` };
}
