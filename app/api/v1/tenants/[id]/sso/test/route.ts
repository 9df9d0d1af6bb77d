import { testSsoConnection as testContract } from "@/lib/api-contracts/sso";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { testSsoConnection } from "@/lib/sso/test-sso-connection";

export const POST = apiRoute(testContract, async ({ actor, params, body }) => success(await testSsoConnection(actor, params.id, body)));
