import { Readable } from "node:stream";
import { to as copyTo } from "pg-copy-streams";
import { callerFrom, type RequestedBy } from "@/lib/backups/requested-by";
import { writeArchiveFile, type FileCoding, type WrittenFile } from "@/lib/backups/archive-file";
import { readTenantControlPlane } from "@/lib/backups/control-plane-snapshot";
import { readSchemaDdl, type SchemaDdl } from "@/lib/backups/dump-schema-ddl";
import { MANIFEST_FILE, MANIFEST_FORMAT_VERSION, manifestBytes, sha256, storedName, type Manifest, type ManifestFile } from "@/lib/backups/manifest";
import { enqueueBackupMail, postBackupWebhook, type BackupOutcome } from "@/lib/backups/notify-backup";
import { toMb, type BackupOptions } from "@/lib/backups/serialize-backup";
import { backupStorage, type BackupStorage } from "@/lib/backups/storage";
import { ownerClient, verifyBackup } from "@/lib/backups/verify-backup";
import { withPlatformScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { publishEvent } from "@/lib/events/publish-event";
import type { BackupView } from "@/lib/schemas/backups";
import { quoteIdent as q } from "@/lib/db/quote-ident";
import { log } from "@/lib/observability/logger";

type Step = BackupView["progress"]["current_step"];
const progress = (tenantId: string, id: string, currentStep: Step, progressPct: number) =>
  withPlatformScope((tx) => tx.tenantBackup.update({ where: { tenantId_id: { tenantId, id } }, data: { currentStep, progressPct: Math.min(99, Math.max(0, Math.round(progressPct))) } }));

const EXT: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", "image/svg+xml": "svg", "image/x-icon": "ico", "image/vnd.microsoft.icon": "ico", "image/gif": "gif" };

/**
 * The backup job: runs the queued backup `id` to completion (or failure,
 * recorded on its row). Tables are read in one REPEATABLE READ READ ONLY
 * transaction, so the archive is one consistent snapshot of the schema, and
 * each table's COPY output streams through gzip/AES-GCM into storage.
 */
export async function runBackup(id: string): Promise<BackupView["status"]> {
  // Claim it: a second worker (or a re-delivered job) finds it no longer queued.
  const claimed = await withPlatformScope((tx) => tx.tenantBackup.updateMany({ where: { id, status: "queued" }, data: { status: "in_progress", startedAt: new Date(), currentStep: "control_plane_export", progressPct: 1 } }));
  if (claimed.count === 0) return ((await withPlatformScope((tx) => tx.tenantBackup.findFirst({ where: { id } })))?.status ?? "failed") as BackupView["status"];
  const row = await withPlatformScope((tx) => tx.tenantBackup.findFirstOrThrow({ where: { id }, include: { tenant: { select: { id: true, slug: true, name: true, schemaName: true } } } }));
  const o = row.options as BackupOptions;
  const storage = backupStorage();
  const prefix = `${row.tenantId}/${id}`;
  const requester = row.requestedBy as RequestedBy;
  try {
    const key = o.encryption ? env.backupEncryptionKey : null;
    if (o.encryption && !key) throw new Error("BACKUP_ENCRYPTION_KEY is not set on the server (it was when the backup was asked for)");
    const { manifest, ddl } = await writeArchive(storage, prefix, row.id, row.backupType as Manifest["backup_type"], o, row.tenant, key);
    await progress(row.tenantId, id, "verification", 95);
    const verification = await verifyBackup(storage, prefix, manifest, ddl, key);
    const bytes = manifestBytes(manifest);
    const checksum = `sha256:${sha256(bytes)}`;
    const raw = manifest.files.reduce((n, f) => n + f.raw_bytes, 0);
    const stored = manifest.files.reduce((n, f) => n + f.bytes, 0);
    const result: NonNullable<BackupView["result"]> = {
      backup_size_mb: toMb(raw),
      compressed_size_mb: toMb(stored),
      compression_ratio: raw > 0 ? Math.round((stored / raw) * 1000) / 1000 : 1,
      tables_backed_up: manifest.files.filter((f) => f.kind === "table_data").length || (ddl ? ddl.tables.length : 0),
      rows_backed_up: manifest.files.reduce((n, f) => n + (f.kind === "table_data" ? (f.rows ?? 0) : 0), 0),
      files_backed_up: manifest.files.filter((f) => f.kind === "asset").length,
      checksum,
      storage_path: storage.url(prefix),
    };
    const ok = verification.integrity_check === "passed" && verification.schema_validation !== "failed" && verification.data_sample_verified !== false;
    const outcome: BackupOutcome = { tenantId: row.tenantId, tenantName: row.tenant.name, backupId: id, status: ok ? "completed" : "failed", detail: ok ? `${result.rows_backed_up} rows in ${result.tables_backed_up} tables, ${result.compressed_size_mb} MB stored at ${result.storage_path}` : `verification failed: ${verification.details}` };
    await withPlatformScope(
      async (tx) => {
        await tx.tenantBackup.update({
          where: { tenantId_id: { tenantId: row.tenantId, id } },
          data: { status: outcome.status, result, verification, checksum, progressPct: 100, currentStep: "done", completedAt: new Date(), error: ok ? null : outcome.detail },
        });
        if (ok) {
          await publishEvent(tx, callerFrom(requester), {
            tenantId: row.tenantId,
            action: "tenant.backup.completed",
            targetType: "backup",
            targetId: id,
            targetLabel: row.tenant.slug,
            before: null,
            after: { tenant_id: row.tenantId, backup_id: id, size_bytes: stored, rows: result.rows_backed_up, checksum },
          });
        }
        if (o.notification_settings?.email_on_completion && requester.kind === "user") await enqueueBackupMail(tx, requester.id, outcome);
      },
      { retry: false },
    );
    if (o.notification_settings?.webhook_url) await postBackupWebhook(o.notification_settings.webhook_url, outcome);
    return outcome.status;
  } catch (err) {
    const message = (err as Error).message;
    log.error({ component: "backups", backup_id: id, err }, "backup failed");
    await storage.removePrefix(prefix).catch(() => undefined);
    await withPlatformScope(async (tx) => {
      await tx.tenantBackup.update({ where: { tenantId_id: { tenantId: row.tenantId, id } }, data: { status: "failed", error: message, completedAt: new Date() } });
      if (o.notification_settings?.email_on_completion && requester.kind === "user") await enqueueBackupMail(tx, requester.id, { tenantId: row.tenantId, tenantName: row.tenant.name, backupId: id, status: "failed", detail: message });
    }, { retry: false }).catch(() => undefined);
    if (o.notification_settings?.webhook_url) await postBackupWebhook(o.notification_settings.webhook_url, { tenantId: row.tenantId, tenantName: row.tenant.name, backupId: id, status: "failed", detail: message }).catch(() => undefined);
    return "failed";
  }
}


type TenantRef = { id: string; slug: string; schemaName: string };

async function writeArchive(storage: BackupStorage, prefix: string, backupId: string, type: Manifest["backup_type"], o: BackupOptions, tenant: TenantRef, key: Buffer | null): Promise<{ manifest: Manifest; ddl: SchemaDdl | null }> {
  const manifest: Manifest = {
    format_version: MANIFEST_FORMAT_VERSION,
    backup_id: backupId,
    tenant_id: tenant.id,
    tenant_slug: tenant.slug,
    schema_name: tenant.schemaName,
    created_at: new Date().toISOString(),
    backup_type: type,
    compression: o.compression ? "gzip" : null,
    encryption: key ? "aes-256-gcm" : null,
    tables: [],
    files: [],
  };
  const coding = (name: string): FileCoding => ({ compression: o.compression, key, aad: `${backupId}/${name}` });
  const put = async (name: string, kind: ManifestFile["kind"], source: Readable, extra: Partial<ManifestFile> = {}, onBytes?: (n: number) => void): Promise<WrittenFile> => {
    const w = await writeArchiveFile(storage, `${prefix}/${storedName(name, manifest)}`, source, coding(name), false, onBytes);
    manifest.files.push({ name, kind, sha256: w.sha256, bytes: w.bytes, raw_sha256: w.raw_sha256, raw_bytes: w.raw_bytes, ...extra });
    return w;
  };

  const snapshot = await withPlatformScope((tx) => readTenantControlPlane(tx, tenant.id));
  await put("control-plane.ndjson", "control_plane", Readable.from(ndjson(snapshot)));

  const withSchema = type !== "data_only" && o.include_schema;
  const withData = type !== "schema_only" && o.include_data;
  const client = await ownerClient("atrium backup");
  let ddl: SchemaDdl;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await progress(tenant.id, backupId, "schema_export", 5);
    ddl = await readSchemaDdl(client, tenant.schemaName);
    const sizes = new Map(
      (
        await client.query<{ name: string; bytes: string }>(
          "SELECT c.relname AS name, pg_catalog.pg_relation_size(c.oid)::text AS bytes FROM pg_catalog.pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1) AND c.relkind = 'r'",
          [tenant.schemaName],
        )
      ).rows.map((r) => [r.name, Number(r.bytes)]),
    );
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    await withPlatformScope((tx) => tx.tenantBackup.update({ where: { tenantId_id: { tenantId: tenant.id, id: backupId } }, data: { estimatedBytes: BigInt(total) } }));
    // The DDL always goes in (a few KB): restoring rows needs their tables. data_only marks it as not restorable on its own.
    await put("schema.json", "schema", Readable.from([JSON.stringify(ddl)]));
    if (withData) {
      await progress(tenant.id, backupId, "data_export", 10);
      let done = 0;
      // A large table moves the bar while it streams: at most one progress write a second.
      let last = Date.now();
      const during = (bytes: number) => {
        if (Date.now() - last < 1000 || total === 0) return;
        last = Date.now();
        void progress(tenant.id, backupId, "data_export", 10 + (Math.min(done + bytes, total) / total) * 75).catch(() => undefined);
      };
      for (const t of ddl.tables) {
        const cols = t.columns.map((c) => q(c.name)).join(", ");
        const stream = client.query(copyTo(`COPY ${q(tenant.schemaName)}.${q(t.name)} (${cols}) TO STDOUT`));
        await put(`data/${t.name}.copy`, "table_data", stream, { table: t.name }, during);
        // PostgreSQL's own count (COPY's command tag), rather than counting lines in JavaScript.
        const rows = Number(stream.rowCount);
        manifest.files[manifest.files.length - 1].rows = rows;
        manifest.tables.push({ name: t.name, rows, columns: t.columns, timestamp_columns: t.timestamp_columns });
        done += sizes.get(t.name) ?? 0;
        await progress(tenant.id, backupId, "data_export", 10 + (total > 0 ? (done / total) * 75 : 75));
      }
    } else {
      manifest.tables = ddl.tables.map((t) => ({ name: t.name, rows: null, columns: t.columns, timestamp_columns: t.timestamp_columns }));
    }
    await client.query("COMMIT");
  } finally {
    await client.end().catch(() => undefined);
  }

  if (o.include_files) {
    await progress(tenant.id, backupId, "files_export", 88);
    const assets = await withPlatformScope((tx) => tx.tenantAsset.findMany({ where: { tenantId: tenant.id }, select: { id: true, kind: true, contentType: true, bytes: true } }));
    for (const a of assets) await put(`files/${a.kind}-${a.id}.${EXT[a.contentType] ?? "bin"}`, "asset", Readable.from([Buffer.from(a.bytes)]));
  }
  await progress(tenant.id, backupId, "manifest", 92);
  await storage.write(`${prefix}/${MANIFEST_FILE}`, Readable.from([manifestBytes(manifest)]));
  return { manifest, ddl: withSchema || withData ? ddl : null };
}

function* ndjson(snapshot: Record<string, unknown>): Generator<string> {
  for (const [entity, value] of Object.entries(snapshot)) {
    for (const row of Array.isArray(value) ? value : [value]) yield `${JSON.stringify({ entity, row })}\n`;
  }
}
