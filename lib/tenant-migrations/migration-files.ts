import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export const TENANT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "tenant-migrations");

/** One folder of prisma/tenant-migrations: `<14-digit version>_<name>/migration.sql` and an optional `down.sql`. */
export type TenantMigrationFile = { version: string; name: string; dirName: string; upSql: string; downSql: string | null; checksum: string };

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const readOptional = (file: string) =>
  readFile(/*turbopackIgnore: true*/ file, "utf8").catch((err: NodeJS.ErrnoException) => {
    if (err.code === "ENOENT") return null;
    throw err;
  });

/**
 * The migrations of `dir` in version order. The checksum is of migration.sql
 * only, as recorded since the first tenant was provisioned: adding a down.sql
 * later does not make an applied migration look edited.
 */
export async function readTenantMigrationFiles(dir = TENANT_MIGRATIONS_DIR): Promise<TenantMigrationFile[]> {
  const names = (await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (dirName) => {
      const [version, ...rest] = dirName.split("_");
      if (!/^\d{14}$/.test(version)) throw new Error(`tenant migration folder ${dirName} does not start with a 14-digit version`);
      const upSql = await readFile(/*turbopackIgnore: true*/ path.join(dir, dirName, "migration.sql"), "utf8");
      const downSql = await readOptional(path.join(dir, dirName, "down.sql"));
      return { version, name: rest.join(" "), dirName, upSql, downSql, checksum: sha256(upSql) };
    }),
  );
}
