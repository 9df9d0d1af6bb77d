import { addTenantUser, listTenantUsers } from "@/lib/api-contracts/members";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { addMember } from "@/lib/members/add-member";
import { listMembers } from "@/lib/members/list-members";
import { toSeedUser } from "@/lib/members/serialize-member";

export const GET = apiRoute(listTenantUsers, async ({ actor, params, query }) => {
  const q = parseOrThrow(listTenantUsers.query, queryObject(query));
  const r = await listMembers(actor, params.id, q);
  return success({ users: r.members.map(toSeedUser), pagination: r.pagination });
});

/** Adds an existing account (by email) or creates one; no invitation involved. */
export const POST = apiRoute(addTenantUser, async ({ actor, params, input }) => {
  const r = await addMember(actor, params.id, input);
  return success({ user: { ...toSeedUser(r.member), tenant_id: params.id }, account_created: r.account_created }, { status: 201 });
});
