import pg from "pg";
import { hashStoredFile } from "@/lib/backups/archive-file";
import type { SchemaDdl } from "@/lib/backups/dump-schema-ddl";
import { loadIntoSchema, tableCopySha256 } from "@/lib/backups/load-into-schema";
import { storedName, type Manifest } from "@/lib/backups/manifest";
import type { BackupStorage } from "@/lib/backups/storage";
import { env } from "@/lib/env";
import type { BackupView } from "@/lib/schemas/backups";
import { quoteIdent as q } from "@/lib/db/quote-ident";

/** Re-reads every stored file and compares its SHA-256 with the manifest; answers the first mismatch. */
export async function checkArchiveIntegrity(storage: BackupStorage, prefix: string, manifest: Manifest): Promise<string | null> {
  for (const f of manifest.files) {
    let got: { sha256: string; bytes: number };
    try {
      got = await hashStoredFile(storage, `${prefix}/${storedName(f.name, manifest)}`);
    } catch (err) {
      return `${f.name}: cannot be read (${(err as Error).message})`;
    }
    if (got.sha256 !== f.sha256 || got.bytes !== f.bytes) return `${f.name}: SHA-256 ${got.sha256} (${got.bytes} bytes) differs from the manifest's ${f.sha256} (${f.bytes} bytes)`;
  }
  return null;
}

/** An owner connection of its own (DDL in scratch schemas; a long COPY must not hold one of the app's pooled connections). */
export async function ownerClient(applicationName: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: env.databaseUrl, application_name: applicationName });
  await client.connect();
  return client;
}

/**
 * The backup's verification: integrity (every file re-read), schema_validation
 * (the DDL applied to a scratch schema) and data_sample_verified (the smallest
 * non-empty table loaded into it, its row count and the SHA-256 of its COPY
 * output compared with the manifest's). The scratch schema lives in a
 * transaction that is rolled back: nothing is left behind, even on a crash.
 */
export async function verifyBackup(storage: BackupStorage, prefix: string, manifest: Manifest, ddl: SchemaDdl | null, key: Buffer | null): Promise<NonNullable<BackupView["verification"]>> {
  const integrity = await checkArchiveIntegrity(storage, prefix, manifest);
  if (integrity) return { integrity_check: "failed", data_sample_verified: false, schema_validation: "skipped", details: integrity };
  if (!ddl) return { integrity_check: "passed", data_sample_verified: null, schema_validation: "skipped", details: null };
  const data = manifest.files.filter((f) => f.kind === "table_data" && (f.rows ?? 0) > 0).sort((a, b) => a.raw_bytes - b.raw_bytes);
  const sample = data[0];
  const scratch = `atrium_verify_${manifest.backup_id.replace(/[^a-z0-9_]/g, "")}`;
  const client = await ownerClient("atrium backup verification");
  try {
    await client.query("BEGIN");
    try {
      // Only the sample's rows are loaded; every table, constraint and index is still created (schema validation).
      await loadIntoSchema(client, storage, prefix, { ...manifest, files: manifest.files.filter((f) => f === sample) }, ddl, scratch, key, { skipForeignKeysOf: sample?.table });
    } catch (err) {
      return { integrity_check: "passed", data_sample_verified: false, schema_validation: "failed", details: (err as Error).message };
    }
    if (!sample?.table) return { integrity_check: "passed", data_sample_verified: null, schema_validation: "passed", details: null };
    const columns = manifest.tables.find((t) => t.name === sample.table)?.columns.map((c) => c.name) ?? [];
    const count = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(scratch)}.${q(sample.table)}`);
    const sha = await tableCopySha256(client, scratch, sample.table, columns);
    const ok = Number(count.rows[0].n) === sample.rows && sha === sample.raw_sha256;
    return { integrity_check: "passed", data_sample_verified: ok, schema_validation: "passed", details: ok ? `sample table ${sample.table}: ${sample.rows} rows, checksum equal` : `sample table ${sample.table}: ${count.rows[0].n} rows restored (manifest ${sample.rows}), checksum ${sha === sample.raw_sha256 ? "equal" : "differs"}` };
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}
