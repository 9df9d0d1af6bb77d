import { removeDomain as contract } from "@/lib/api-contracts/domains";
import { removeDomain } from "@/lib/domains/remove-domain";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const DELETE = apiRoute(contract, async ({ actor, params }) => success(await removeDomain(actor, params.id, params.domain_id)));
