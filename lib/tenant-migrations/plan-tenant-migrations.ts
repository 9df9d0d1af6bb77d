import type { MigrationDirection } from "@/lib/schemas/tenant-migrations";
import type { TenantMigrationFile } from "@/lib/tenant-migrations/migration-files";
import { TenantMigrationError } from "@/lib/tenant-migrations/tenant-migration-error";
import type { AppliedTenantMigration } from "@/lib/tenant-migrations/schema-migrations-table";

export type PlannedStep = { version: string; name: string; direction: MigrationDirection; checksum: string; sql: string };
export type MigrationPlan = { steps: PlannedStep[]; acceptChecksums: { version: string; checksum: string }[] };

const refuse = (message: string, version: string | null) => new TenantMigrationError(message, "refused", version, []);

/**
 * What a run would do, decided from the files and the schema's record before
 * anything runs, so a refusal (an edited applied migration, a missing
 * down.sql, an unknown target) leaves the schema as it was.
 */
export function planTenantMigrations(
  files: TenantMigrationFile[],
  applied: AppliedTenantMigration[],
  opts: { direction: MigrationDirection; version?: string; force: boolean; failedBefore?: ReadonlySet<string> },
): MigrationPlan {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const appliedVersions = new Set(applied.map((a) => a.version));
  const edited = applied.filter((a) => byVersion.has(a.version) && byVersion.get(a.version)!.checksum !== a.checksum);
  if (edited.length > 0 && !opts.force) {
    const first = edited[0];
    throw refuse(
      `Tenant migration ${first.version} (${first.name}) was edited after it was applied: its checksum is ${byVersion.get(first.version)!.checksum}, the applied one ${first.checksum}. Restore the file, or pass force to accept it`,
      first.version,
    );
  }
  const acceptChecksums = edited.map((a) => ({ version: a.version, checksum: byVersion.get(a.version)!.checksum }));

  if (opts.direction === "up") {
    if (opts.version !== undefined && !byVersion.has(opts.version)) throw refuse(`There is no tenant migration ${opts.version}`, opts.version);
    const pending = files.filter((f) => !appliedVersions.has(f.version) && (opts.version === undefined || f.version <= opts.version));
    const retry = pending.find((f) => opts.failedBefore?.has(f.version));
    if (retry && !opts.force) {
      throw refuse(`Tenant migration ${retry.version} (${retry.name}) failed on its last attempt on this tenant; fix the cause and pass force to run it again`, retry.version);
    }
    return { steps: pending.map((f) => ({ version: f.version, name: f.name, direction: "up", checksum: f.checksum, sql: f.upSql })), acceptChecksums };
  }

  const target = opts.version!;
  if (target !== "0".repeat(14) && !appliedVersions.has(target)) throw refuse(`Tenant migration ${target} is not applied on this tenant, so it cannot be gone back to (00000000000000 reverts them all)`, target);
  const revert = applied.filter((a) => a.version > target).reverse();
  const unknown = revert.find((a) => !byVersion.has(a.version));
  if (unknown) throw refuse(`Applied tenant migration ${unknown.version} (${unknown.name}) has no file here, so it cannot be reverted`, unknown.version);
  const irreversible = revert.find((a) => byVersion.get(a.version)!.downSql === null);
  if (irreversible) throw refuse(`Tenant migration ${irreversible.version} (${irreversible.name}) has no down.sql: nothing was reverted`, irreversible.version);
  return {
    steps: revert.map((a) => {
      const f = byVersion.get(a.version)!;
      return { version: f.version, name: f.name, direction: "down" as const, checksum: f.checksum, sql: f.downSql! };
    }),
    acceptChecksums,
  };
}
