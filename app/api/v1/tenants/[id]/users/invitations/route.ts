import { listInvitations as contract } from "@/lib/api-contracts/members";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listInvitations } from "@/lib/invitations/list-invitations";

export const GET = apiRoute(contract, async ({ actor, params }) => {
  return success(await listInvitations(actor, params.id));
});
