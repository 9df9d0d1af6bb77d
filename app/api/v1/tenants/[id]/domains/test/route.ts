import { testDomain } from "@/lib/domains/test-domain";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const POST = apiRoute<{ id: string }>(async ({ actor, params, body }) => success(await testDomain(actor, params.id, body)), { access: { tenant: "domains:manage" } });
