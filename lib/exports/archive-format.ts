import { z } from "zod";

/** Version 1: control/<entity>.ndjson + schema.sql + tables/<table>.csv + manifest.json (last) in a gzipped tar. */
export const ARCHIVE_FORMAT_VERSION = 1;

export const controlFile = (entity: string) => `control/${entity}.ndjson`;
export const CONTROL_FILE = /^control\/([a-z_]{1,40})\.ndjson$/;
export const TABLE_FILE = /^tables\/([A-Za-z_][A-Za-z0-9_$]{0,62})\.csv$/;
export const tableFile = (table: string) => `tables/${table}.csv`;
export const MANIFEST = "manifest.json";
/** The source schema's DDL from the catalogue: documentation for whoever reads the archive; the import builds from its own migrations. */
export const SCHEMA_FILE = "schema.sql";

const iso = z.string().min(1);
export const manifestSchema = z.object({
  format: z.literal("atrium-tenant-export"),
  format_version: z.literal(ARCHIVE_FORMAT_VERSION),
  created_at: iso,
  source: z.object({ tenant_id: z.string().min(1), slug: z.string().min(1), name: z.string(), schema_name: z.string() }),
  /** The tenant migrations applied to the source schema (its schema_migrations), for the import's compatibility check. */
  schema_migrations: z.array(z.object({ version: z.string().min(1), name: z.string(), checksum: z.string() })),
  files: z.array(
    z.object({
      path: z.string().min(1),
      kind: z.enum(["control", "table", "schema"]),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      bytes: z.number().int().nonnegative(),
      rows: z.number().int().nonnegative(),
    }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

// What the import reads of each control-plane line (readTenantControlPlane's snake_case rows; other columns are ignored).
const json = z.record(z.string(), z.unknown());
export const archivedTenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  plan: z.string(),
  is_trial: z.boolean(),
  trial_ends_at: iso.nullable(),
  settings: json,
  features: json,
  limits: json,
  branding: json,
});
export const archivedRoleSchema = z.object({ id: z.string(), name: z.string(), description: z.string(), permissions: z.array(z.string()) });
export const archivedMembershipSchema = z.object({
  user_id: z.string(),
  email: z.string().email(),
  name: z.string(),
  role: z.string(),
  status: z.enum(["active", "suspended"]),
  joined_at: iso,
  profile: json,
  preferences: json,
});
export const archivedInvitationSchema = z.object({ id: z.string(), email: z.string().email(), role: z.string(), expires_at: iso, accepted_at: iso.nullable(), revoked_at: iso.nullable() });
export const archivedDomainSchema = z.object({ id: z.string(), domain: z.string(), is_primary: z.boolean(), ssl_enabled: z.boolean(), custom_routing: z.unknown().nullable() });
export const archivedBrandingVersionSchema = z.object({ version: z.number().int(), branding: json, created_by_type: z.string(), created_by_label: z.string(), created_at: iso });

/** The entities an import needs and how it reads them; the others in an archive (API key metadata, asset metadata, thresholds) are reported as skipped. */
export const IMPORTED_ENTITY_SCHEMAS = {
  tenant: archivedTenantSchema,
  roles: archivedRoleSchema,
  memberships: archivedMembershipSchema,
  invitations: archivedInvitationSchema,
  domains: archivedDomainSchema,
  branding_versions: archivedBrandingVersionSchema,
} as const;
export type ImportedEntity = keyof typeof IMPORTED_ENTITY_SCHEMAS;
export type ArchivedControlPlane = { [E in ImportedEntity]: z.infer<(typeof IMPORTED_ENTITY_SCHEMAS)[E]>[] };
