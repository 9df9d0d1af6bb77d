import { withPlatformScope } from "@/lib/db/scope";
import type { ArchivedControlPlane } from "@/lib/exports/archive-format";
import type { Manifest } from "@/lib/exports/archive-format";
import type { ErrorDetail } from "@/lib/http/errors";
import { readTenantMigrationFiles, TENANT_MIGRATIONS_DIR } from "@/lib/tenant-migrations/migration-files";
import { schemaExists } from "@/lib/tenants/tenant-schema";

/** This environment's tenant migrations, version → checksum (what schema_migrations.checksum records). */
async function localMigrations(dir: string): Promise<Map<string, string>> {
  return new Map((await readTenantMigrationFiles(dir)).map((m) => [m.version, m.checksum]));
}

/**
 * Everything that stops this archive from becoming tenant `slug` here, all at
 * once and before anything is written: the slug or its schema name taken, a
 * domain verified by another tenant, a tenant migration of the source this
 * environment lacks or has with other SQL (the tables would not match).
 * Members are never a conflict: a known email is linked, an unknown one invited.
 */
export async function findImportConflicts(manifest: Manifest, control: ArchivedControlPlane, slug: string, schemaName: string, migrationsDir = TENANT_MIGRATIONS_DIR): Promise<ErrorDetail[]> {
  const conflicts: ErrorDetail[] = [];
  const domains = control.domains.map((d) => d.domain.toLowerCase());
  const { slugTaken, claimed } = await withPlatformScope(async (tx) => ({
    slugTaken: await tx.tenant.findUnique({ where: { slug }, select: { id: true } }),
    claimed: domains.length ? await tx.tenantDomain.findMany({ where: { domain: { in: domains }, status: "verified" }, select: { domain: true } }) : [],
  }));
  if (slugTaken) conflicts.push({ path: "slug", message: `The subdomain "${slug}" is already taken by another tenant` });
  else if (await schemaExists(schemaName)) conflicts.push({ path: "slug", message: `The schema ${schemaName} (derived from the slug) already exists` });
  for (const d of claimed) conflicts.push({ path: `domains.${d.domain}`, message: `${d.domain} is verified by another tenant here` });
  const local = await localMigrations(migrationsDir);
  for (const m of manifest.schema_migrations) {
    const here = local.get(m.version);
    if (!here) conflicts.push({ path: `schema_migrations.${m.version}`, message: `Tenant migration ${m.version} (${m.name}) of the source does not exist here; deploy it first` });
    else if (here !== m.checksum) conflicts.push({ path: `schema_migrations.${m.version}`, message: `Tenant migration ${m.version} (${m.name}) differs here (checksum mismatch)` });
  }
  return conflicts;
}
