import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { backupTenantNow } from "@/lib/backups/backup-tenant-now";
import { listBackupTables } from "@/lib/backups/list-backup-tables";
import { withPlatformScope } from "@/lib/db/scope";
import { fillTenantSchema } from "../support/backup-fixtures";
import { makeTenant, staffCaller } from "../support/fixtures";

// The restore dialog's table list: read from a completed backup's manifest
// (real backups on a real BACKUP_DIR), only for staff with backups:manage,
// only for the tenant the backup belongs to.

let dir: string;
let tenant: Awaited<ReturnType<typeof makeTenant>>;
let other: Awaited<ReturnType<typeof makeTenant>>;
let backupId: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "atrium-backup-tables-"));
  process.env.BACKUP_DIR = dir;
  delete process.env.BACKUP_S3_URL;
  delete process.env.BACKUP_ENCRYPTION_KEY;
  [tenant, other] = await Promise.all([makeTenant(), makeTenant()]);
  await fillTenantSchema(tenant.schemaName, 4);
  ({ backup_id: backupId } = await backupTenantNow(systemCaller("test"), tenant.id, { compression: true }));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("listBackupTables", () => {
  it("lists every table of the backup with its row count, for an operator", async () => {
    const tables = await listBackupTables(staffCaller("operator"), tenant.id, backupId);
    const byName = Object.fromEntries(tables.map((t) => [t.name, t]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(["users", "documents", "activity_log"]));
    expect(byName.users.rows).toBe(4);
    expect(byName.documents.rows).toBe(8);
    expect(byName.activity_log.rows).toBe(12);
    expect(byName.users.timestamp_columns).toContain("created_at");
  });

  it("refuses staff without backups:manage", async () => {
    await expect(listBackupTables(staffCaller("auditor"), tenant.id, backupId)).rejects.toMatchObject({ code: "admin_privileges_required" });
  });

  it("answers not found for the backup under another tenant's id, and for an unknown backup", async () => {
    await expect(listBackupTables(staffCaller("admin"), other.id, backupId)).rejects.toMatchObject({ code: "not_found" });
    await expect(listBackupTables(staffCaller("admin"), tenant.id, "backup_0000000000000000")).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses a backup that is not complete", async () => {
    await withPlatformScope((tx) => tx.tenantBackup.update({ where: { tenantId_id: { tenantId: tenant.id, id: backupId } }, data: { status: "in_progress" } }));
    try {
      await expect(listBackupTables(staffCaller("admin"), tenant.id, backupId)).rejects.toMatchObject({ code: "invalid_state" });
    } finally {
      await withPlatformScope((tx) => tx.tenantBackup.update({ where: { tenantId_id: { tenantId: tenant.id, id: backupId } }, data: { status: "completed" } }));
    }
  });

  it("never shows the tables of a manifest that names another tenant", async () => {
    const file = path.join(dir, tenant.id, backupId, "manifest.json");
    const original = await readFile(file, "utf8");
    await writeFile(file, JSON.stringify({ ...JSON.parse(original), tenant_id: other.id }));
    try {
      await expect(listBackupTables(staffCaller("admin"), tenant.id, backupId)).rejects.toMatchObject({ code: "not_found" });
    } finally {
      await writeFile(file, original);
    }
  });
});
