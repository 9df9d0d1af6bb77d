import { inviteUsers } from "@/lib/api-contracts/members";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { inviteMembers, withoutTokens } from "@/lib/invitations/invite-members";

/**
 * The invitation link is delivered by email; the response never carries the token.
 * The service parses the body once the caller is known to be allowed to invite.
 */
export const POST = apiRoute(inviteUsers, async ({ actor, params, body }) => {
  const r = withoutTokens(await inviteMembers(actor, params.id, body));
  return success(r, { status: r.results.some((x) => x.status === "invited") ? 201 : 200 });
});
