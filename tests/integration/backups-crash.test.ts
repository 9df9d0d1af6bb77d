import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { backupTenantNow } from "@/lib/backups/backup-tenant-now";
import { pruneBackups } from "@/lib/backups/prune-backups";
import { startRestore } from "@/lib/backups/start-restore";
import { withTenantRoleConnection } from "@/lib/tenants/tenant-db-role";
import { makeTenant } from "../support/fixtures";
import { ownerQuery } from "../support/db";
import { fillTenantSchema, schemaFingerprint } from "../support/backup-fixtures";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "atrium-backups-crash-"));
  process.env.BACKUP_DIR = dir;
  delete process.env.BACKUP_S3_URL;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// Only this test's restore: other files' restores may be running beside it on the same server.
const restoreBackends = (restoreId: string) => ownerQuery<{ pid: number; query: string }>("SELECT pid, query FROM pg_stat_activity WHERE application_name = $1", [`atrium restore ${restoreId}`]);

describe("a restore over the live schema killed with SIGKILL mid-load", () => {
  it("leaves the live schema intact and queryable, and nothing half-built", async () => {
    const t = await makeTenant();
    await fillTenantSchema(t.schemaName, 40_000);
    const before = await schemaFingerprint(t.schemaName);
    const { backup_id } = await backupTenantNow(systemCaller("test"), t.id, { compression: false });
    // The live schema moves on after the backup: a finished restore would lose this row, an interrupted one must not.
    await ownerQuery(`INSERT INTO "${t.schemaName}".users (email, name) VALUES ('after@x.test', 'After')`);
    const after = await schemaFingerprint(t.schemaName);
    expect(after.users.rows).toBe(before.users.rows + 1);

    const { restore } = await startRestore(systemCaller("test"), t.id, { backup_id, restore_options: { overwrite_existing: true } }, { enqueue: false });
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/restore-crash-child.ts", restore.restore_id], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise((resolve) => child.on("exit", resolve));

    // Wait until its connection is in the middle of a COPY … FROM STDIN, then kill it.
    await expect.poll(async () => (await restoreBackends(restore.restore_id)).some((b) => /^COPY .* FROM STDIN/.test(b.query)), { timeout: 30_000, interval: 10 }).toBe(true);
    child.kill("SIGKILL");
    await exited;
    expect(out).not.toContain("restore finished");

    // PostgreSQL sees the socket close and rolls the transaction back.
    await expect.poll(async () => (await restoreBackends(restore.restore_id)).length, { timeout: 15_000 }).toBe(0);
    expect(await schemaFingerprint(t.schemaName)).toEqual(after);
    const leftovers = await ownerQuery<{ nspname: string }>("SELECT nspname FROM pg_namespace WHERE nspname LIKE $1", [`${t.schemaName}_%`]);
    expect(leftovers).toEqual([]);
    const n = await withTenantRoleConnection(t.id, async (c) => (await c.query(`SELECT count(*)::int AS n FROM "${t.schemaName}".users`)).rows[0].n);
    expect(n).toBe(after.users.rows);

    // The row says in_progress until the prune job finds it stale.
    expect((await ownerQuery<{ status: string }>("SELECT status FROM tenant_restores WHERE id = $1", [restore.restore_id]))[0].status).toBe("in_progress");
    await ownerQuery("UPDATE tenant_restores SET created_at = now() - interval '7 hours' WHERE id = $1", [restore.restore_id]);
    await pruneBackups();
    expect((await ownerQuery<{ status: string }>("SELECT status FROM tenant_restores WHERE id = $1", [restore.restore_id]))[0].status).toBe("failed");
  }, 120_000);
});
