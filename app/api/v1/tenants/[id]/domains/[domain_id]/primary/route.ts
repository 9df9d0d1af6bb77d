import { setPrimaryDomain } from "@/lib/domains/set-primary-domain";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute<{ id: string; domain_id: string }>(async ({ actor, params }) => success(await setPrimaryDomain(actor, params.id, params.domain_id)), { access: { tenant: "domains:manage" } });
