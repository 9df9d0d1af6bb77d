import "server-only";
import { QueryClient, dehydrate, type DehydratedState } from "@tanstack/react-query";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { listMembers } from "@/lib/members/list-members";
import { queryKeys } from "@/lib/query/keys";
import { listRoles } from "@/lib/roles/list-roles";
import type { TenantActor } from "@/lib/tenant-access/tenant-actor";
import { MEMBERS_FIRST_PAGE } from "./members-first-page";

/**
 * The Members panel's first page, roles and invitations, read in parallel
 * while the page renders, so the panel hydrates with rows instead of
 * skeletons. A read the actor may not make is left out: the panel then asks
 * for it itself and shows that error where it belongs.
 */
export async function prefetchMembers(actor: TenantActor, tenantId: string): Promise<DehydratedState> {
  const client = new QueryClient();
  const [members, roles, invitations] = await Promise.allSettled([listMembers(actor, tenantId, MEMBERS_FIRST_PAGE), listRoles(actor, tenantId), listInvitations(actor, tenantId)]);
  if (members.status === "fulfilled") client.setQueryData(queryKeys.members.list(tenantId, MEMBERS_FIRST_PAGE), members.value);
  if (roles.status === "fulfilled") client.setQueryData(queryKeys.members.roles(tenantId), roles.value);
  if (invitations.status === "fulfilled") client.setQueryData(queryKeys.members.invitations(tenantId), invitations.value);
  return dehydrate(client);
}
