import { removeTenantUser, updateTenantUser } from "@/lib/api-contracts/members";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { removeMember } from "@/lib/members/remove-member";
import { updateMember } from "@/lib/members/update-member";
import { toSeedUser } from "@/lib/members/serialize-member";

export const POST = apiRoute(updateTenantUser, async ({ actor, params, input }) => {
  const r = await updateMember(actor, params.id, params.user_id, input);
  return success({ user: toSeedUser(r.member) });
});

export const DELETE = apiRoute(removeTenantUser, async ({ actor, params }) => {
  return success(await removeMember(actor, params.id, params.user_id));
});
