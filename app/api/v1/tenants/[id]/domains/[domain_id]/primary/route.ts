import { setPrimaryDomain as contract } from "@/lib/api-contracts/domains";
import { setPrimaryDomain } from "@/lib/domains/set-primary-domain";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(contract, async ({ actor, params }) => success(await setPrimaryDomain(actor, params.id, params.domain_id)));
