import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Caller } from "@/lib/auth/caller";
import { NO_META } from "@/lib/auth/caller";
import { CONTROL_PLANE_ENTITIES, readTenantControlPlane, type ControlPlaneRow } from "@/lib/backups/control-plane-snapshot";
import { withTenantDb } from "@/lib/dataplane/with-tenant-db";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { dumpTenantSchemaDdl } from "@/lib/backups/dump-schema-ddl";
import { ARCHIVE_FORMAT_VERSION, controlFile, MANIFEST, SCHEMA_FILE, tableFile, type Manifest } from "@/lib/exports/archive-format";
import { exportKey, exportWriteStream } from "@/lib/exports/export-storage";
import { packArchive, type PackedFile } from "@/lib/exports/pack-archive";
import { pruneExports } from "@/lib/exports/prune-exports";
import { copyTableToFile, tablesInLoadOrder } from "@/lib/exports/tenant-tables";
import type { Prisma } from "@/lib/generated/prisma/client";
import { quoteIdent } from "@/lib/db/quote-ident";
import { log } from "@/lib/observability/logger";

/** The whole snapshot's statement timeout: large tables take a while to stream. */
const EXPORT_TIMEOUT_MS = 30 * 60_000;
/** A job that has been running this long died with its process; the sweep marks it failed. */
const STALE_RUNNING_MINUTES = 45;

type Requester = { kind: Caller["kind"]; id: string | null; label: string; ip?: string | null; request_id?: string | null };
const callerOf = (r: Requester): Caller =>
  ({ kind: r.kind, id: r.id, label: r.label, platformRole: null, permissions: new Set(), meta: { ...NO_META, ip: r.ip ?? null, requestId: r.request_id ?? null } }) as Caller;

async function progress(tenantId: string, jobId: string, percentage: number, currentStep: string) {
  await withPlatformScope((tx) => tx.tenantExport.update({ where: { tenantId_id: { tenantId, id: jobId } }, data: { percentage, currentStep } }));
}

/** Verification tokens belong to the environment that issued them; a new one gets its own. */
const PORTABLE: Partial<Record<string, (row: ControlPlaneRow) => ControlPlaneRow>> = {
  domains: (row) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== "verification_token")),
};

/**
 * Builds the archive of one queued export (the export queue's job). Claims
 * the row first, so two workers never build the same export; any failure
 * marks the job failed with the reason and leaves no archive behind.
 */
export async function runExport(jobId: string): Promise<void> {
  const claimed = await withPlatformScope((tx) =>
    tx.tenantExport.updateMany({ where: { id: jobId, status: "queued" }, data: { status: "running", startedAt: new Date(), percentage: 5, currentStep: "control_plane" } }),
  );
  if (claimed.count === 0) return;
  const job = await withPlatformScope((tx) => tx.tenantExport.findFirstOrThrow({ where: { id: jobId } }));
  const work = await mkdtemp(path.join(tmpdir(), "atrium-export-"));
  try {
    const snapshot = await withPlatformScope((tx) => readTenantControlPlane(tx, job.tenantId));
    const tenant = snapshot.tenant as { id: string; slug: string; name: string; schema_name: string };
    const files: Manifest["files"] = [];
    const parts: PackedFile[] = [];
    const entities: Record<string, number> = {};
    for (const entity of CONTROL_PLANE_ENTITIES) {
      const rows = (entity === "tenant" ? [snapshot.tenant] : snapshot[entity]).map((r) => PORTABLE[entity]?.(r) ?? r);
      const content = Buffer.from(rows.map((r) => `${JSON.stringify(r)}\n`).join(""));
      const name = controlFile(entity);
      files.push({ path: name, kind: "control", sha256: createHash("sha256").update(content).digest("hex"), bytes: content.length, rows: rows.length });
      parts.push({ name, content });
      entities[entity] = rows.length;
    }
    await progress(job.tenantId, jobId, 15, "tables");

    // One REPEATABLE READ snapshot as the tenant's reader role: every table as of the same instant, and nothing outside its schema.
    const { tables, migrations } = await withTenantDb(job.tenantId, { as: "reader", readOnly: true, snapshot: true, timeoutMs: EXPORT_TIMEOUT_MS }, async (client, { schemaName }) => {
      const names = await tablesInLoadOrder(client, schemaName);
      const out: { name: string; file: string; rows: number; bytes: number; sha256: string }[] = [];
      for (const [i, name] of names.entries()) {
        const file = path.join(work, `table-${i}.csv`);
        out.push({ name, file, ...(await copyTableToFile(client, schemaName, name, file)) });
        await progress(job.tenantId, jobId, 15 + Math.round((70 * (i + 1)) / names.length), `tables (${i + 1}/${names.length})`);
      }
      const applied = names.includes("schema_migrations")
        ? (await client.query<{ version: string; name: string; checksum: string }>(`SELECT version, name, checksum FROM ${quoteIdent(schemaName)}.schema_migrations ORDER BY version`)).rows
        : [];
      return { tables: out, migrations: applied };
    });
    // The schema's DDL from the catalogue, for whoever reads the archive (the import builds the schema from its own migrations).
    // Read by lib/backups on its own (its catalogue reads need more than the reader role holds); migrations are the only DDL.
    const ddl = Buffer.from((await dumpTenantSchemaDdl(job.tenantId)).sql);
    files.push({ path: SCHEMA_FILE, kind: "schema", sha256: createHash("sha256").update(ddl).digest("hex"), bytes: ddl.length, rows: 0 });
    parts.push({ name: SCHEMA_FILE, content: ddl });
    for (const t of tables) {
      files.push({ path: tableFile(t.name), kind: "table", sha256: t.sha256, bytes: t.bytes, rows: t.rows });
      parts.push({ name: tableFile(t.name), file: t.file, bytes: t.bytes });
    }
    const manifest: Manifest = {
      format: "atrium-tenant-export",
      format_version: ARCHIVE_FORMAT_VERSION,
      created_at: new Date().toISOString(),
      source: { tenant_id: tenant.id, slug: tenant.slug, name: tenant.name, schema_name: tenant.schema_name },
      schema_migrations: migrations,
      files,
    };
    parts.push({ name: MANIFEST, content: Buffer.from(JSON.stringify(manifest, null, 2)) });
    await progress(job.tenantId, jobId, 90, "packing");

    const key = exportKey(job.tenantId, jobId);
    const out = exportWriteStream(key);
    const [packed] = await Promise.all([packArchive(parts, out.stream), out.stored]);
    const rows = tables.reduce((n, t) => n + t.rows, 0);
    const result = {
      entities,
      tables: tables.map((t) => ({ name: t.name, rows: t.rows, bytes: t.bytes })),
      rows,
      bytes: packed.bytes,
      checksum: `sha256:${packed.sha256}`,
      format_version: ARCHIVE_FORMAT_VERSION,
    };
    await withPlatformScope(async (tx) => {
      await tx.tenantExport.update({
        where: { tenantId_id: { tenantId: job.tenantId, id: jobId } },
        data: { status: "completed", percentage: 100, currentStep: "completed", result: result as unknown as Prisma.InputJsonValue, storagePath: key, completedAt: new Date() },
      });
      await publishEvent(tx, callerOf(job.requestedBy as Requester), {
        tenantId: job.tenantId,
        action: "tenant.exported",
        targetType: "export",
        targetId: jobId,
        targetLabel: tenant.slug,
        after: { bytes: packed.bytes, rows, checksum: result.checksum, tables: tables.length, entities },
      });
    });
  } catch (err) {
    log.error({ component: "exports", export_id: jobId, err }, "export failed");
    await withPlatformScope((tx) =>
      tx.tenantExport.update({ where: { tenantId_id: { tenantId: job.tenantId, id: jobId } }, data: { status: "failed", currentStep: "failed", error: (err as Error).message.slice(0, 500), completedAt: new Date() } }),
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The export queue's minute sweep: builds exports still queued (their job was
 * lost, or no worker was running when they were asked for), fails those
 * whose worker died mid-way, and deletes those past their retention
 * (lib/exports/prune-exports.ts). Returns how many it built.
 */
export async function runQueuedExports(): Promise<number> {
  await pruneExports();
  const cutoff = new Date(Date.now() - STALE_RUNNING_MINUTES * 60_000);
  await withPlatformScope((tx) =>
    tx.tenantExport.updateMany({
      where: { status: "running", startedAt: { lt: cutoff } },
      data: { status: "failed", currentStep: "failed", error: "The export was interrupted (its worker stopped); start a new one", completedAt: new Date() },
    }),
  );
  const queued = await withPlatformScope((tx) => tx.tenantExport.findMany({ where: { status: "queued" }, orderBy: { createdAt: "asc" }, select: { id: true }, take: 10 }));
  for (const q of queued) await runExport(q.id);
  return queued.length;
}

