import { verifyDomain as contract } from "@/lib/api-contracts/domains";
import { verifyDomain } from "@/lib/domains/verify-domain";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute(contract, async ({ actor, params }) => success(await verifyDomain(actor, params.id, params.domain_id)));
