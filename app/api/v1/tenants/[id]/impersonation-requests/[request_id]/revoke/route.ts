import { revokeImpersonationRequest as contract } from "@/lib/api-contracts/impersonation";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { revokeImpersonationGrant } from "@/lib/impersonation/revoke-impersonation-grant";

export const POST = apiRoute(contract, async ({ actor, params }) => success({ request: await revokeImpersonationGrant(actor, params.id, params.request_id) }));
