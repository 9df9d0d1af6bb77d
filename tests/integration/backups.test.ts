import { mkdtemp, readFile, readdir, writeFile, cp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { Readable } from "node:stream";
import { extract } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as backupRoute from "@/app/api/v1/tenants/[id]/backup/route";
import * as backupsRoute from "@/app/api/v1/tenants/[id]/backups/route";
import * as backupOne from "@/app/api/v1/tenants/[id]/backups/[backup_id]/route";
import * as downloadRoute from "@/app/api/v1/tenants/[id]/backups/[backup_id]/download/route";
import * as restoreRoute from "@/app/api/v1/tenants/[id]/restore/route";
import * as restoreOne from "@/app/api/v1/tenants/[id]/restores/[restore_id]/route";
import { systemCaller } from "@/lib/auth/caller";
import { backupTenantNow } from "@/lib/backups/backup-tenant-now";
import { pruneBackups } from "@/lib/backups/prune-backups";
import { runBackup } from "@/lib/backups/run-backup";
import { runRestore } from "@/lib/backups/run-restore";
import { withTenantRoleConnection } from "@/lib/tenants/tenant-db-role";
import { callRoute } from "../support/call-route";
import { makeApiKey, makeTenant, uniq } from "../support/fixtures";
import { ownerQuery, pgSchemaExists } from "../support/db";
import { fillTenantSchema, schemaFingerprint } from "../support/backup-fixtures";

let dir: string;
let key: string;
const KEY_HEX = "7f".repeat(32);

beforeAll(async () => {
  // Seed 000's 5 per hour would stop this file after five backups; tests/integration/api-rate-limits.test.ts tests the classes.
  process.env.RATE_LIMIT_BACKUP_OPERATIONS_PER_HOUR = "100000";
  dir = await mkdtemp(path.join(tmpdir(), "atrium-backups-"));
  process.env.BACKUP_DIR = dir;
  delete process.env.BACKUP_S3_URL;
  delete process.env.BACKUP_ENCRYPTION_KEY;
  key = await makeApiKey();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type T = Awaited<ReturnType<typeof makeTenant>>;

async function backup(t: T, body: Record<string, unknown> = {}) {
  const r = await callRoute(backupRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${t.id}/backup`, params: { id: t.id }, body });
  expect(r.status, JSON.stringify(r.json)).toBe(202);
  expect(r.json.data).toMatchObject({ status: "queued", progress: { percentage: 0, current_step: "queued" } });
  const id = r.json.data.backup_id as string;
  expect(await runBackup(id)).toBe("completed");
  const got = await callRoute(backupOne.GET, { key, path: `/api/v1/tenants/${t.id}/backups/${id}`, params: { id: t.id, backup_id: id } });
  expect(got.status).toBe(200);
  return got.json.data;
}

async function restore(t: T, body: Record<string, unknown>) {
  return callRoute(restoreRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${t.id}/restore`, params: { id: t.id }, body });
}

async function restoreAndRun(t: T, body: Record<string, unknown>) {
  const r = await restore(t, body);
  expect(r.status, JSON.stringify(r.json)).toBe(202);
  const status = await runRestore(r.json.data.restore_id);
  const got = await callRoute(restoreOne.GET, { key, path: `/api/v1/tenants/${t.id}/restores/${r.json.data.restore_id}`, params: { id: t.id, restore_id: r.json.data.restore_id } });
  expect(status, JSON.stringify(got.json)).toBe("completed");
  return got.json.data;
}

const archiveDir = (t: T, backupId: string) => path.join(dir, t.id, backupId);

describe("backup and restore", () => {
  let A: T;
  let full: { backup_id: string } & Record<string, unknown>;

  beforeAll(async () => {
    A = await makeTenant();
    await fillTenantSchema(A.schemaName, 300);
  });

  it("backs up as a job: result, checksum, verification, listed", async () => {
    full = await backup(A);
    expect(full).toMatchObject({
      status: "completed",
      progress: { percentage: 100, current_step: "done" },
      configuration: { backup_type: "full", includes: ["control_plane", "schema", "data"], compression: true, encryption: false },
      result: { tables_backed_up: 4, rows_backed_up: 300 + 600 + 900 + 3, files_backed_up: 0 },
      verification: { integrity_check: "passed", data_sample_verified: true, schema_validation: "passed" },
    });
    expect((full.result as { checksum: string }).checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((full.result as { compression_ratio: number }).compression_ratio).toBeLessThan(0.6);
    const files = await readdir(archiveDir(A, full.backup_id), { recursive: true });
    expect(files.sort()).toEqual(["control-plane.ndjson.gz", "data", "data/activity_log.copy.gz", "data/documents.copy.gz", "data/schema_migrations.copy.gz", "data/users.copy.gz", "manifest.json", "schema.json.gz"]);
    // Control-plane rows without secrets.
    const cp = gunzipSync(await readFile(path.join(archiveDir(A, full.backup_id), "control-plane.ndjson.gz"))).toString();
    expect(cp).toContain('"entity":"tenant"');
    expect(cp).toContain('"entity":"memberships"');
    expect(cp).not.toMatch(/token_hash|key_hash|password_hash/);
    const list = await callRoute(backupsRoute.GET, { key, path: `/api/v1/tenants/${A.id}/backups`, params: { id: A.id } });
    expect(list.json.data.backups.map((b: { backup_id: string }) => b.backup_id)).toContain(full.backup_id);
    const events = await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE target_id = $1", [full.backup_id]);
    expect(events.map((e) => e.action)).toContain("tenant.backup.completed");
  });

  it("round trip into a side schema: equal row counts and checksums, sequences continue", async () => {
    const side = uniq("side_");
    const dry = await restore(A, { backup_id: full.backup_id, target_schema: side, restore_options: { dry_run: true } });
    expect(dry.status).toBe(200);
    expect(dry.json.data).toMatchObject({ status: "planned", dry_run: true, mode: "side_schema" });
    expect(dry.json.data.restore_plan.map((s: { step: string }) => s.step)).toEqual(["integrity_check", "schema_validation", "table_creation", "data_restoration", "index_rebuilding", "verification"]);
    expect(await pgSchemaExists(side)).toBe(false);

    const r = await restoreAndRun(A, { backup_id: full.backup_id, target_schema: side });
    expect(r).toMatchObject({ status: "completed", result: { tables_restored: 4, rows_restored: 1803 } });
    expect(r.restore_plan.every((s: { status: string }) => s.status === "completed")).toBe(true);
    expect(await schemaFingerprint(side)).toEqual(await schemaFingerprint(A.schemaName));
    // Constraints and indexes came back; the identity sequence continues after the restored ids.
    const idx = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = $1", [side]);
    expect(idx[0].n).toBe((await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = $1", [A.schemaName]))[0].n);
    await ownerQuery(`INSERT INTO "${side}".activity_log (action) VALUES ('after')`);
    await expect(ownerQuery(`INSERT INTO "${side}".users (email, name) VALUES ('u1@x.test', 'dup')`)).rejects.toMatchObject({ code: "23505" });
    const events = await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE target_id = $1", [r.restore_id]);
    expect(events.map((e) => e.action)).toEqual(["tenant.restored_from_backup"]);
  });

  it("selective restore: only named tables, only rows in the date range", async () => {
    const side = uniq("sel_");
    await restoreAndRun(A, { backup_id: full.backup_id, target_schema: side, selective_restore: { tables: ["users"], date_range: { start: "2026-01-02T00:00:00Z", end: "2026-01-03T00:00:00Z" } } });
    const tables = await ownerQuery<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1", [side]);
    expect(tables.map((t) => t.table_name)).toEqual(["users"]);
    const [n] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "${side}".users`);
    expect(n.n).toBe(24);
  });

  it("bad input answers 400 naming the field, and writes nothing", async () => {
    const before = await ownerQuery<{ n: number }>("SELECT count(*)::int AS n FROM tenant_restores WHERE tenant_id = $1", [A.id]);
    for (const [body, field] of [
      [{ backup_id: full.backup_id, target_schema: "pg_evil" }, "target_schema"],
      [{ backup_id: full.backup_id, target_schema: "Bad-Name" }, "target_schema"],
      [{ backup_id: full.backup_id, target_schema: A.schemaName }, "target_schema"],
      [{ backup_id: full.backup_id }, "restore_options.overwrite_existing"],
      [{ backup_id: full.backup_id, target_schema: uniq("x_"), selective_restore: { tables: ["nope"] } }, "selective_restore.tables"],
      [{ backup_id: full.backup_id, target_schema: uniq("x_"), restore_options: { rollback_on_error: false } }, "restore_options.rollback_on_error"],
    ] as const) {
      const r = await restore(A, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.json.error)).toContain(field);
    }
    const b = await callRoute(backupRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${A.id}/backup`, params: { id: A.id }, body: { backup_type: "weekly" } });
    expect(b.status).toBe(400);
    expect(JSON.stringify(b.json.error)).toContain("backup_type");
    const ssrf = await callRoute(backupRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${A.id}/backup`, params: { id: A.id }, body: { notification_settings: { webhook_url: "http://127.0.0.1/hook" } } });
    expect(ssrf.status).toBe(400);
    expect(JSON.stringify(ssrf.json.error)).toContain("webhook_url");
    expect(await ownerQuery("SELECT count(*)::int AS n FROM tenant_restores WHERE tenant_id = $1", [A.id])).toEqual(before);
  });

  it("refuses a tampered archive (a data file, the manifest) with the reason", async () => {
    const b = await backup(A, { compression: false });
    const file = path.join(archiveDir(A, b.backup_id), "data", "users.copy");
    const original = await readFile(file);
    await writeFile(file, Buffer.concat([original.subarray(0, 10), Buffer.from("X"), original.subarray(11)]));
    const r = await restore(A, { backup_id: b.backup_id, target_schema: uniq("t_") });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "backup_rejected", details: { reason: "checksum_mismatch" } });
    expect(r.json.error.message).toContain("data/users.copy");
    // Skipping the up-front check does not get a changed file loaded: the stream's checksum fails the transaction.
    const side = uniq("t_");
    const skipped = await restore(A, { backup_id: b.backup_id, target_schema: side, restore_options: { verify_integrity: false } });
    expect(skipped.status).toBe(202);
    expect(await runRestore(skipped.json.data.restore_id)).toBe("failed");
    expect(await pgSchemaExists(side)).toBe(false);
    await writeFile(file, original);
    const manifest = path.join(archiveDir(A, b.backup_id), "manifest.json");
    await writeFile(manifest, (await readFile(manifest, "utf8")).replace('"rows": 300', '"rows": 301'));
    const m = await restore(A, { backup_id: b.backup_id, target_schema: uniq("t_") });
    expect(m.json.error).toMatchObject({ code: "backup_rejected", details: { reason: "checksum_mismatch" } });
  });

  it("refuses a backup whose manifest names another tenant", async () => {
    const B = await makeTenant();
    const theirs = await backup(B);
    const ours = await backup(A, { include_data: false });
    await rm(archiveDir(A, ours.backup_id), { recursive: true });
    await cp(archiveDir(B, theirs.backup_id), archiveDir(A, ours.backup_id), { recursive: true });
    const r = await restore(A, { backup_id: ours.backup_id, target_schema: uniq("f_") });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "backup_rejected", details: { reason: "foreign_tenant" } });
    // And B's backup id is not A's to name.
    const other = await restore(A, { backup_id: theirs.backup_id, target_schema: uniq("f_") });
    expect(other.status).toBe(404);
  });

  it("replaces the live schema in one swap: old kept under a new name, the tenant role can use the new one", async () => {
    const C = await makeTenant();
    await fillTenantSchema(C.schemaName, 50);
    const before = await schemaFingerprint(C.schemaName);
    const b = await backup(C);
    await ownerQuery(`DELETE FROM "${C.schemaName}".activity_log`);
    await ownerQuery(`DELETE FROM "${C.schemaName}".documents WHERE title = 'Doc 1'`);
    const r = await restoreAndRun(C, { backup_id: b.backup_id, restore_options: { overwrite_existing: true } });
    expect(r.mode).toBe("replace_live");
    expect(r.previous_schema).toMatch(new RegExp(`^${C.schemaName}_pre_restore_\\d{14}$`));
    expect(await schemaFingerprint(C.schemaName)).toEqual(before);
    expect((await schemaFingerprint(r.previous_schema, ["activity_log"])).activity_log.rows).toBe(0);
    const n = await withTenantRoleConnection(C.id, async (c) => (await c.query(`SELECT count(*)::int AS n FROM "${C.schemaName}".users`)).rows[0].n);
    expect(n).toBe(50);
    const events = await ownerQuery<{ action: string }>("SELECT action FROM audit_events WHERE target_id = $1", [r.restore_id]);
    expect(events).toHaveLength(1);
  });

  it("downloads a completed backup as a tar, manifest first (backups:download)", async () => {
    const r = await downloadRoute.GET(new Request(`http://localhost:3000/api/v1/tenants/${A.id}/backups/${full.backup_id}/download`, { headers: { host: "localhost:3000", authorization: `Bearer ${key}` } }), { params: Promise.resolve({ id: A.id, backup_id: full.backup_id }) });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/x-tar");
    const names: string[] = [];
    const ex = extract();
    ex.on("entry", (h, s, next) => {
      names.push(h.name);
      s.resume();
      s.on("end", next);
    });
    const done = new Promise<void>((resolve) => ex.on("finish", () => resolve()));
    Readable.fromWeb(r.body as import("node:stream/web").ReadableStream).pipe(ex);
    await done;
    expect(names[0]).toBe("manifest.json");
    expect(names).toContain("data/users.copy.gz");
    const noDownload = await makeApiKey(["backups:manage"]);
    const denied = await downloadRoute.GET(new Request(`http://localhost:3000/x`, { headers: { host: "localhost:3000", authorization: `Bearer ${noDownload}` } }), { params: Promise.resolve({ id: A.id, backup_id: full.backup_id }) });
    expect(denied.status).toBe(403);
  });

  it("prunes backups past their retention: row and files", async () => {
    const b = await backup(A, { include_data: false, retention_days: 1 });
    expect((await readdir(archiveDir(A, b.backup_id))).length).toBeGreaterThan(0);
    const r = await pruneBackups(new Date(Date.now() + 2 * 86_400_000));
    expect(r.pruned).toContain(b.backup_id);
    expect(await ownerQuery("SELECT 1 FROM tenant_backups WHERE id = $1", [b.backup_id])).toEqual([]);
    await expect(readdir(archiveDir(A, b.backup_id))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("backupTenantNow runs to completion in the caller's process (migrations' backup_before)", async () => {
    const { backup_id } = await backupTenantNow(systemCaller("migration"), A.id, { include_data: false });
    const [row] = await ownerQuery<{ status: string }>("SELECT status FROM tenant_backups WHERE id = $1", [backup_id]);
    expect(row.status).toBe("completed");
  });
});

describe("encryption", () => {
  it("is refused with a 400 naming it when BACKUP_ENCRYPTION_KEY is unset", async () => {
    const t = await makeTenant();
    const r = await callRoute(backupRoute.POST, { method: "POST", key, path: `/api/v1/tenants/${t.id}/backup`, params: { id: t.id }, body: { encryption: true } });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("BACKUP_ENCRYPTION_KEY");
    expect(JSON.stringify(r.json.error.details)).toContain("encryption");
    expect(await ownerQuery("SELECT 1 FROM tenant_backups WHERE tenant_id = $1", [t.id])).toEqual([]);
  });

  it("with the key: files are not gzip-readable (nor plain), restore round-trips; without the key restore is refused", async () => {
    const t = await makeTenant();
    await fillTenantSchema(t.schemaName, 40);
    process.env.BACKUP_ENCRYPTION_KEY = KEY_HEX;
    try {
      const b = await backup(t, { encryption: true });
      expect(b.verification).toMatchObject({ integrity_check: "passed", data_sample_verified: true });
      const stored = await readFile(path.join(archiveDir(t, b.backup_id), "data", "users.copy.gz.enc"));
      expect(() => gunzipSync(stored)).toThrow();
      expect(stored.includes(Buffer.from("u1@x.test"))).toBe(false);
      const side = uniq("enc_");
      await restoreAndRun(t, { backup_id: b.backup_id, target_schema: side });
      expect(await schemaFingerprint(side)).toEqual(await schemaFingerprint(t.schemaName));
      // Unencrypted, compressed: readable with gunzip alone.
      const plain = await backup(t, { encryption: false });
      expect(gunzipSync(await readFile(path.join(archiveDir(t, plain.backup_id), "data", "users.copy.gz"))).toString()).toContain("u1@x.test");
      delete process.env.BACKUP_ENCRYPTION_KEY;
      const r = await restore(t, { backup_id: b.backup_id, target_schema: uniq("enc_") });
      expect(r.status).toBe(400);
      expect(r.json.error.message).toContain("BACKUP_ENCRYPTION_KEY");
      // A wrong key fails the load (the GCM tag), and nothing is left behind.
      process.env.BACKUP_ENCRYPTION_KEY = "01".repeat(32);
      const wrong = uniq("enc_");
      const w = await restore(t, { backup_id: b.backup_id, target_schema: wrong });
      expect(await runRestore(w.json.data.restore_id)).toBe("failed");
      expect(await pgSchemaExists(wrong)).toBe(false);
    } finally {
      delete process.env.BACKUP_ENCRYPTION_KEY;
    }
  });
});
