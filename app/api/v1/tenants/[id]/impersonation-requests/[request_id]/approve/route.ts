import { approveImpersonationRequest as contract } from "@/lib/api-contracts/impersonation";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { decideImpersonationRequest } from "@/lib/impersonation/decide-impersonation-request";

export const POST = apiRoute(contract, async ({ actor, params }) => success({ request: await decideImpersonationRequest(actor, params.id, params.request_id, "approve") }));
