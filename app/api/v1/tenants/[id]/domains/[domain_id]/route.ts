import { removeDomain } from "@/lib/domains/remove-domain";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const DELETE = apiRoute<{ id: string; domain_id: string }>(async ({ actor, params }) => success(await removeDomain(actor, params.id, params.domain_id)), { access: { tenant: "domains:manage" } });
