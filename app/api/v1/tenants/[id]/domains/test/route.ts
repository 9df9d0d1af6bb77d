import { testDomain as contract } from "@/lib/api-contracts/domains";
import { testDomain } from "@/lib/domains/test-domain";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(contract, async ({ actor, params, body }) => success(await testDomain(actor, params.id, body)));
