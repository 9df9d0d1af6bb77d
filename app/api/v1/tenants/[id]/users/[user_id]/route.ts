import { apiRoute } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { removeMember } from "@/lib/members/remove-member";
import { updateMember } from "@/lib/members/update-member";
import { toSeedUser } from "@/lib/members/serialize-member";
import { updateMemberSchema } from "@/lib/schemas/members";
import { platformActor } from "@/lib/tenant-access/tenant-actor";

type Params = { id: string; user_id: string };

export const POST = apiRoute<Params>(async ({ caller, params, body }) => {
  const input = parseOrThrow(updateMemberSchema, body);
  const r = await updateMember(platformActor(caller), params.id, params.user_id, input);
  return success({ user: toSeedUser(r.member) });
});

export const DELETE = apiRoute<Params>(async ({ caller, params }) => {
  return success(await removeMember(platformActor(caller), params.id, params.user_id));
});
