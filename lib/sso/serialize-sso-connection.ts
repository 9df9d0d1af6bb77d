import type { TenantSsoConnection } from "@/lib/generated/prisma/client";
import type { SsoConnectionView } from "@/lib/schemas/sso";

/** The API's view of a connection: everything but the secret, which is write-only. */
export function serializeSsoConnection(row: TenantSsoConnection): SsoConnectionView {
  return {
    display_name: row.displayName,
    issuer: row.issuer,
    client_id: row.clientId,
    client_secret: "•••• set",
    scopes: row.scopes,
    email_claim: row.emailClaim,
    name_claim: row.nameClaim,
    groups_claim: row.groupsClaim,
    group_role_map: (row.groupRoleMap ?? {}) as Record<string, string>,
    default_role: row.defaultRole,
    jit_enabled: row.jitEnabled,
    enabled: row.enabled,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

/** What the audit row keeps of a connection: the view without timestamps (never the secret). */
export function auditedConnection(row: TenantSsoConnection): Record<string, unknown> {
  const view: Partial<SsoConnectionView> = serializeSsoConnection(row);
  delete view.created_at;
  delete view.updated_at;
  delete view.client_secret;
  return view;
}
