import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { removeMemberRole } from "@/lib/members/member-roles";
import { toSeedUser } from "@/lib/members/serialize-member";

/** Removing the member's current role moves them to the tenant's default "member" role. */
export const DELETE = apiRoute<{ id: string; user_id: string; role_id: string }>(async ({ actor, params }) => {
  const r = await removeMemberRole(actor, params.id, params.user_id, params.role_id);
  return success({ user: toSeedUser(r.member) });
}, { access: { tenant: "members:update" } });
