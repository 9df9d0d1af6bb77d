import { configureDomains as configureContract, listDomains as listContract } from "@/lib/api-contracts/domains";
import { configureDomains } from "@/lib/domains/configure-domains";
import { listDomains } from "@/lib/domains/list-domains";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

export const GET = apiRoute(listContract, async ({ actor, params }) => success(await listDomains(actor, params.id)));

export const POST = apiRoute(configureContract, async ({ actor, params, body }) => {
  const r = await configureDomains(actor, params.id, body);
  return success(r.body, { status: r.created ? 201 : 200 });
});
