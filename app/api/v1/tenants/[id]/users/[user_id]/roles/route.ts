import { getUserRoles, setUserRole } from "@/lib/api-contracts/members";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { getMemberRoles } from "@/lib/members/member-roles";
import { toSeedUser } from "@/lib/members/serialize-member";

export const GET = apiRoute(getUserRoles, async ({ actor, params }) => {
  return success(await getMemberRoles(actor, params.id, params.user_id));
});

/** A member holds exactly one role: this sets it, replacing the current one. */
export const POST = apiRoute(setUserRole, async ({ actor, params, input }) => {
  const r = await changeMemberRole(actor, params.id, params.user_id, input);
  return success({ user: toSeedUser(r.member) });
});
