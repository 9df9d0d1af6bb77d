import { removeUserRole as contract } from "@/lib/api-contracts/members";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { removeMemberRole } from "@/lib/members/member-roles";
import { toSeedUser } from "@/lib/members/serialize-member";

/** Removing the member's current role moves them to the tenant's default "member" role. */
export const DELETE = apiRoute(contract, async ({ actor, params }) => {
  const r = await removeMemberRole(actor, params.id, params.user_id, params.role_id);
  return success({ user: toSeedUser(r.member) });
});
