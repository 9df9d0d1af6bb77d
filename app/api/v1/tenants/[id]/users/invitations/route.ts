import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { platformActor } from "@/lib/tenant-access/tenant-actor";

export const GET = apiRoute<{ id: string }>(async ({ caller, params }) => {
  return success(await listInvitations(platformActor(caller), params.id));
});
