import type { Manifest } from "@/lib/exports/archive-format";
import { TABLE_FILE } from "@/lib/exports/archive-format";
import { forEachEntry, invalidArchive } from "@/lib/exports/read-archive";
import { copyTableFromStream, resetSequences, tableColumns } from "@/lib/exports/tenant-tables";
import type { ErrorDetail } from "@/lib/http/errors";
import { AppError } from "@/lib/http/errors";
import { withTenantDb } from "@/lib/dataplane/with-tenant-db";

const LOAD_TIMEOUT_MS = 30 * 60_000;
/** Written by the migrations the import applies, not loaded from the archive. */
const MIGRATIONS_TABLE = "schema_migrations";

/**
 * The second pass: streams each table file of the verified archive into the
 * new schema with COPY FROM STDIN, in archive order (the export wrote parents
 * before children), in one transaction as the tenant's owner role (withTenantDb). Every file's
 * header is checked against the table's columns first; a row PostgreSQL
 * refuses fails the whole load, and nothing of it stays.
 */
export async function loadTenantTables(archive: string, tenantId: string, schemaName: string, manifest: Manifest, headers: Map<string, string[]>): Promise<{ name: string; rows: number }[]> {
  const expected = new Map(manifest.files.filter((f) => f.kind === "table").map((f) => [TABLE_FILE.exec(f.path)?.[1] ?? "", f.rows]));
  return withTenantDb(tenantId, { as: "owner", timeoutMs: LOAD_TIMEOUT_MS }, async (client) => {
    const columns = await tableColumns(client, schemaName);
    const mismatches: ErrorDetail[] = [];
    for (const [table, header] of headers) {
      if (table === MIGRATIONS_TABLE) continue;
      const have = columns.get(table);
      if (!have) mismatches.push({ path: `tables/${table}.csv`, message: `No table ${table} in this environment's tenant schema` });
      else for (const c of header.filter((h) => !have.has(h))) mismatches.push({ path: `tables/${table}.csv`, message: `Column ${c} does not exist here` });
    }
    if (mismatches.length) throw new AppError("import_conflicts", `The archive's tables do not fit this environment's tenant schema: ${mismatches.map((m) => `${m.path}: ${m.message}`).join("; ")}`, mismatches);
    const loaded: { name: string; rows: number }[] = [];
    await forEachEntry(archive, async (name, _type, stream) => {
      const table = TABLE_FILE.exec(name)?.[1];
      if (!table || table === MIGRATIONS_TABLE) {
        stream.resume();
        await new Promise((r) => stream.once("end", r));
        return;
      }
      let rows: number;
      try {
        rows = await copyTableFromStream(client, schemaName, table, headers.get(table)!, stream);
      } catch (err) {
        throw invalidArchive(`tables/${table}.csv could not be loaded: ${(err as Error).message}; nothing was imported`, [{ path: `tables/${table}.csv`, message: (err as Error).message }]);
      }
      if (rows !== expected.get(table)) throw invalidArchive(`tables/${table}.csv loaded ${rows} rows, the manifest says ${expected.get(table)}`, [{ path: `tables/${table}.csv`, message: "Row count differs from the manifest" }]);
      loaded.push({ name: table, rows });
    });
    await resetSequences(client, schemaName);
    return loaded;
  });
}
