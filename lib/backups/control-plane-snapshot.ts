import type { Tx } from "@/lib/db/prisma";

/**
 * The tenant's control-plane rows as plain JSON objects (snake_case column
 * names, timestamps as ISO strings), for backups (one NDJSON file) and
 * exports (one NDJSON file per entity). Secrets never leave: invitations lose
 * their token hash, API keys their key hash, members' users their password
 * hash; asset bytes travel as separate files (backups' include_files).
 *
 * `tx` is any scope that can see the tenant's rows (withTenantScope for the
 * tenant, or withPlatformScope); each query filters by tenant_id anyway.
 */
export const CONTROL_PLANE_ENTITIES = ["tenant", "memberships", "roles", "invitations", "branding_versions", "domains", "api_keys", "assets", "alert_thresholds"] as const;
export type ControlPlaneEntity = (typeof CONTROL_PLANE_ENTITIES)[number];
export type ControlPlaneRow = Record<string, unknown>;
export type ControlPlaneSnapshot = { tenant: ControlPlaneRow } & Record<Exclude<ControlPlaneEntity, "tenant">, ControlPlaneRow[]>;

// Each query answers one jsonb column `row`; `$1` is the tenant id. Fixed SQL, no caller input.
const QUERIES: Record<ControlPlaneEntity, string> = {
  tenant: "SELECT to_jsonb(t) AS row FROM tenants t WHERE t.id = $1",
  memberships:
    "SELECT to_jsonb(m) || jsonb_build_object('email', u.email, 'name', u.name) AS row FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 ORDER BY m.joined_at, m.user_id",
  roles: "SELECT to_jsonb(r) AS row FROM tenant_roles r WHERE r.tenant_id = $1 ORDER BY r.created_at, r.id",
  invitations: "SELECT to_jsonb(i) - 'token_hash' AS row FROM tenant_invitations i WHERE i.tenant_id = $1 ORDER BY i.created_at, i.id",
  branding_versions: "SELECT to_jsonb(b) AS row FROM tenant_branding_versions b WHERE b.tenant_id = $1 ORDER BY b.version",
  domains: "SELECT to_jsonb(d) AS row FROM tenant_domains d WHERE d.tenant_id = $1 ORDER BY d.created_at, d.id",
  api_keys: "SELECT to_jsonb(k) - 'key_hash' AS row FROM api_keys k WHERE k.tenant_id = $1 ORDER BY k.created_at, k.id",
  assets: "SELECT to_jsonb(a) - 'bytes' AS row FROM tenant_assets a WHERE a.tenant_id = $1 ORDER BY a.created_at, a.id",
  alert_thresholds: "SELECT to_jsonb(a) AS row FROM tenant_alert_thresholds a WHERE a.tenant_id = $1",
};

async function rows(tx: Tx, entity: ControlPlaneEntity, tenantId: string): Promise<ControlPlaneRow[]> {
  const r = await tx.$queryRawUnsafe<{ row: ControlPlaneRow }[]>(QUERIES[entity], tenantId);
  return r.map((x) => x.row);
}

/** Every control-plane row of the tenant; throws when the tenant is not visible in `tx`. */
export async function readTenantControlPlane(tx: Tx, tenantId: string): Promise<ControlPlaneSnapshot> {
  const [tenant] = await rows(tx, "tenant", tenantId);
  if (!tenant) throw new Error(`tenant ${tenantId} not found in this scope`);
  const out = { tenant } as ControlPlaneSnapshot;
  // One after another: a Prisma interactive transaction runs its queries on one connection anyway.
  for (const entity of CONTROL_PLANE_ENTITIES) {
    if (entity !== "tenant") out[entity] = await rows(tx, entity, tenantId);
  }
  return out;
}
