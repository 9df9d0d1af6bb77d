import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCaller } from "@/lib/auth/caller";
import { backupTenantNow } from "@/lib/backups/backup-tenant-now";
import { pruneBackups } from "@/lib/backups/prune-backups";
import { runRestore } from "@/lib/backups/run-restore";
import { startRestore } from "@/lib/backups/start-restore";
import { ownerQuery } from "../support/db";
import { makeTenant, uniq } from "../support/fixtures";
import { fillTenantSchema, schemaFingerprint } from "../support/backup-fixtures";

// A real S3-compatible server (s3rver) on loopback, started by the test; the SDK talks HTTP to it.
let server: S3rver;
let dir: string;
let endpoint: string;
const BUCKET = "atrium-backups";

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "atrium-s3rver-"));
  server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  process.env.AWS_ACCESS_KEY_ID = "S3RVER";
  process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
  process.env.BACKUP_S3_URL = `s3://${BUCKET}/tenant-backups?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1`;
  process.env.BACKUP_ENCRYPTION_KEY = "ab".repeat(32);
});
afterAll(async () => {
  delete process.env.BACKUP_S3_URL;
  delete process.env.BACKUP_ENCRYPTION_KEY;
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const objects = async (prefix: string) => {
  const s3 = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true });
  const r = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }));
  return (r.Contents ?? []).map((o) => o.Key!).sort();
};

describe("backups in an S3-compatible bucket", () => {
  it("backs up (gzip + AES-256-GCM) into the bucket, restores from it, and prunes it", async () => {
    const t = await makeTenant();
    await fillTenantSchema(t.schemaName, 2_000);
    const { backup_id } = await backupTenantNow(systemCaller("test"), t.id, { encryption: true });
    const [row] = await ownerQuery<{ storage_path: string; storage_location: string; verification: { integrity_check: string; data_sample_verified: boolean } }>(
      "SELECT storage_path, storage_location, verification FROM tenant_backups WHERE id = $1",
      [backup_id],
    );
    expect(row.storage_location).toBe(`s3://${BUCKET}/tenant-backups`);
    expect(row.storage_path).toBe(`s3://${BUCKET}/tenant-backups/${t.id}/${backup_id}`);
    expect(row.verification).toMatchObject({ integrity_check: "passed", data_sample_verified: true });
    const keys = await objects(`tenant-backups/${t.id}/${backup_id}/`);
    expect(keys).toContain(`tenant-backups/${t.id}/${backup_id}/manifest.json`);
    expect(keys).toContain(`tenant-backups/${t.id}/${backup_id}/data/documents.copy.gz.enc`);

    const side = uniq("s3_");
    const { restore } = await startRestore(systemCaller("test"), t.id, { backup_id, target_schema: side }, { enqueue: false });
    expect(await runRestore(restore.restore_id)).toBe("completed");
    expect(await schemaFingerprint(side)).toEqual(await schemaFingerprint(t.schemaName));

    await ownerQuery("UPDATE tenant_backups SET expires_at = now() - interval '1 second' WHERE id = $1", [backup_id]);
    expect((await pruneBackups()).pruned).toContain(backup_id);
    expect(await objects(`tenant-backups/${t.id}/${backup_id}/`)).toEqual([]);
  }, 60_000);
});
