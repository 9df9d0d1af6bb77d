import { apiRoute } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { removeMember } from "@/lib/members/remove-member";
import { updateMember } from "@/lib/members/update-member";
import { toSeedUser } from "@/lib/members/serialize-member";
import { updateMemberSchema } from "@/lib/schemas/members";

type Params = { id: string; user_id: string };

export const POST = apiRoute<Params>(async ({ actor, params, body }) => {
  const input = parseOrThrow(updateMemberSchema, body);
  const r = await updateMember(actor, params.id, params.user_id, input);
  return success({ user: toSeedUser(r.member) });
}, { access: { tenant: "members:update" } });

export const DELETE = apiRoute<Params>(async ({ actor, params }) => {
  return success(await removeMember(actor, params.id, params.user_id));
}, { access: { tenant: "members:remove" } });
