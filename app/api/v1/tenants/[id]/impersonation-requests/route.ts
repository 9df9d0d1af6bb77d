import { listImpersonationRequests as listContract, requestImpersonation as requestContract } from "@/lib/api-contracts/impersonation";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listImpersonationRequests } from "@/lib/impersonation/list-impersonation-requests";
import { requestImpersonation } from "@/lib/impersonation/request-impersonation";

export const GET = apiRoute(listContract, async ({ actor, params }) => success({ requests: await listImpersonationRequests(actor, params.id) }));

export const POST = apiRoute(requestContract, async ({ caller, params, input }) => success({ request: await requestImpersonation(caller, params.id, input) }, { status: 201 }));
