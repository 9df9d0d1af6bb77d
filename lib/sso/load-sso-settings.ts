import { listRoles } from "@/lib/roles/list-roles";
import type { SsoConnectionView } from "@/lib/schemas/sso";
import { getSsoConnection } from "@/lib/sso/get-sso-connection";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";

export type SsoSettings = { state: { connection: SsoConnectionView | null; redirect_uri: string }; roles: { id: string; name: string }[] };

/** What the single sign-on form needs: the connection and the roles it may hand out. */
export async function loadSsoSettings(actor: TenantActor, tenantId: string): Promise<SsoSettings> {
  const [state, { roles }] = await Promise.all([getSsoConnection(actor, tenantId), listRoles(actor, tenantId)]);
  return { state, roles: roles.map((r) => ({ id: r.id, name: r.name })) };
}
