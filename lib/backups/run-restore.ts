import { callerFrom, type RequestedBy } from "@/lib/backups/requested-by";
import { readArchiveFile } from "@/lib/backups/archive-file";
import type { SchemaDdl } from "@/lib/backups/dump-schema-ddl";
import { fileCoding, loadIntoSchema } from "@/lib/backups/load-into-schema";
import { readManifest, storedName } from "@/lib/backups/manifest";
import type { RestoreOptions } from "@/lib/backups/start-restore";
import { backupStorage } from "@/lib/backups/storage";
import { ownerClient } from "@/lib/backups/verify-backup";
import { withPlatformScope } from "@/lib/db/scope";
import { env } from "@/lib/env";
import { publishEvent } from "@/lib/events/publish-event";
import type { RestoreView } from "@/lib/schemas/backups";
import { quoteIdent as q } from "@/lib/db/quote-ident";

type Plan = RestoreView["restore_plan"];
type StepName = Plan[number]["step"];

/**
 * The restore job. Everything happens in ONE transaction on one owner
 * connection: the new schema is created and loaded, checked, and (replacing
 * the live schema) the names are swapped and the tenant's role granted its
 * privileges, then COMMIT. Until that COMMIT nobody sees any of it; if the
 * process dies or anything fails, PostgreSQL rolls all of it back and the live
 * schema was never touched.
 */
export async function runRestore(id: string, hooks: { afterLoad?: () => Promise<void> } = {}): Promise<RestoreView["status"]> {
  const claimed = await withPlatformScope((tx) => tx.tenantRestore.updateMany({ where: { id, status: "queued" }, data: { status: "in_progress" } }));
  if (claimed.count === 0) return ((await withPlatformScope((tx) => tx.tenantRestore.findFirst({ where: { id } })))?.status ?? "failed") as RestoreView["status"];
  const row = await withPlatformScope((tx) => tx.tenantRestore.findFirstOrThrow({ where: { id }, include: { tenant: { select: { schemaName: true, slug: true } } } }));
  const o = row.options as RestoreOptions;
  let plan = row.plan as Plan;
  const mark = async (step: StepName, status: Plan[number]["status"], detail?: string) => {
    plan = plan.map((s) => (s.step === step ? { ...s, status, detail: detail ?? s.detail, completed_at: status === "completed" ? new Date().toISOString() : s.completed_at } : s));
    await withPlatformScope((tx) => tx.tenantRestore.update({ where: { tenantId_id: { tenantId: row.tenantId, id } }, data: { plan } }));
  };
  let current: StepName = "schema_validation";
  const step = async (next: StepName) => {
    if (plan.find((s) => s.step === current)?.status === "in_progress") await mark(current, "completed");
    current = next;
    await mark(next, "in_progress");
  };

  const storage = backupStorage();
  const prefix = `${row.tenantId}/${row.backupId}`;
  const live = row.tenant.schemaName;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const build = row.mode === "replace_live" ? `${live.slice(0, 40)}_restore_${id.slice(-8)}` : row.targetSchema;
  const previous = `${live.slice(0, 40)}_pre_restore_${stamp}`;
  // The restore id in application_name lets an operator (and the crash test) tell concurrent restores apart in pg_stat_activity.
  const client = await ownerClient(`atrium restore ${id}`);
  try {
    await step("schema_validation");
    const { manifest } = await readManifest(storage, prefix);
    if (manifest.tenant_id !== row.tenantId) throw new Error(`the manifest names tenant ${manifest.tenant_id}`);
    const key = env.backupEncryptionKey;
    const schemaFile = manifest.files.find((f) => f.kind === "schema");
    if (!schemaFile) throw new Error("the backup has no schema.json");
    const ddl = JSON.parse(await readAll(await readArchiveFile(storage, `${prefix}/${storedName(schemaFile.name, manifest)}`, fileCoding(manifest, key, schemaFile.name), schemaFile.sha256))) as SchemaDdl;

    await client.query("BEGIN");
    // One restore of a tenant at a time: a second waits here rather than race the first's rename.
    await client.query("SELECT pg_advisory_xact_lock(hashtext('atrium_restore'), hashtext($1))", [row.tenantId]);
    if (row.mode === "side_schema") await client.query(`DROP SCHEMA IF EXISTS ${q(build)} CASCADE`);
    const loaded = await loadIntoSchema(client, storage, prefix, manifest, ddl, build, key, {
      tables: o.tables ? new Set(o.tables) : undefined,
      dateRange: o.date_range ?? undefined,
      onPhase: (p) => step(p),
    });
    await step("verification");
    const counts = loaded.tables.filter((t) => !t.filtered);
    await mark("verification", "completed", `${counts.length} table(s) with the manifest's row counts${loaded.tables.length > counts.length ? `, ${loaded.tables.length - counts.length} filtered by date` : ""}`);
    await hooks.afterLoad?.();
    if (row.mode === "replace_live") {
      current = "swap";
      await mark("swap", "in_progress");
      // A tenant query holding a lock on the live schema's tables makes the rename wait; not forever.
      await client.query("SET LOCAL lock_timeout = '30s'");
      await client.query(`ALTER SCHEMA ${q(live)} RENAME TO ${q(previous)}`);
      await client.query(`ALTER SCHEMA ${q(build)} RENAME TO ${q(live)}`);
      if (!o.keep_previous) await client.query(`DROP SCHEMA ${q(previous)} CASCADE`);
      await mark("swap", "completed", o.keep_previous ? `${live} kept as ${previous}` : `${live} replaced; the old one dropped`);
      current = "grants";
      await mark("grants", "in_progress");
      await client.query("SELECT atrium_sync_tenant_db_role($1)", [row.tenantId]);
      await mark("grants", "completed");
    }
    await client.query("COMMIT");
    const result = { tables_restored: loaded.tables.length, rows_restored: loaded.rows };
    await withPlatformScope(
      async (tx) => {
        await tx.tenantRestore.update({ where: { tenantId_id: { tenantId: row.tenantId, id } }, data: { status: "completed", result, completedAt: new Date(), previousSchema: row.mode === "replace_live" && o.keep_previous ? previous : null } });
        await publishEvent(tx, callerFrom(row.requestedBy as RequestedBy), {
          tenantId: row.tenantId,
          action: "tenant.restored_from_backup",
          targetType: "restore",
          targetId: id,
          targetLabel: row.tenant.slug,
          before: null,
          after: { tenant_id: row.tenantId, restore_id: id, backup_id: row.backupId, mode: row.mode, target_schema: row.targetSchema, ...result },
        });
      },
      { retry: false },
    );
    return "completed";
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    const message = (err as Error).message;
    plan = plan.map((s) => (s.step === current ? { ...s, status: "failed", detail: message } : s));
    await withPlatformScope((tx) => tx.tenantRestore.update({ where: { tenantId_id: { tenantId: row.tenantId, id } }, data: { status: "failed", error: message, plan, completedAt: new Date() } })).catch(() => undefined);
    return "failed";
  } finally {
    await client.end().catch(() => undefined);
  }
}


async function readAll(s: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
