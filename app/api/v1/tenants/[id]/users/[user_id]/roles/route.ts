import { apiRoute } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { getMemberRoles } from "@/lib/members/member-roles";
import { toSeedUser } from "@/lib/members/serialize-member";
import { changeMemberRoleSchema } from "@/lib/schemas/members";

type Params = { id: string; user_id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => {
  return success(await getMemberRoles(actor, params.id, params.user_id));
}, { access: { tenant: "members:read" } });

/** A member holds exactly one role: this sets it, replacing the current one. */
export const POST = apiRoute<Params>(async ({ actor, params, body }) => {
  const input = parseOrThrow(changeMemberRoleSchema, body);
  const r = await changeMemberRole(actor, params.id, params.user_id, input);
  return success({ user: toSeedUser(r.member) });
}, { access: { tenant: "members:update" } });
