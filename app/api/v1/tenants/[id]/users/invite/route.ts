import { apiRoute } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { inviteMembers, withoutTokens } from "@/lib/invitations/invite-members";
import { inviteMembersSchema } from "@/lib/schemas/invitations";

/** The invitation link is delivered by email; the response never carries the token. */
export const POST = apiRoute<{ id: string }>(async ({ actor, params, body }) => {
  const input = parseOrThrow(inviteMembersSchema, body);
  const r = withoutTokens(await inviteMembers(actor, params.id, input));
  return success(r, { status: r.results.some((x) => x.status === "invited") ? 201 : 200 });
}, { access: { tenant: "members:invite" } });
