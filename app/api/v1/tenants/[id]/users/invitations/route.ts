import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listInvitations } from "@/lib/invitations/list-invitations";

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  return success(await listInvitations(actor, params.id));
}, { access: { tenant: "members:read" } });
