import { configureDomains } from "@/lib/domains/configure-domains";
import { listDomains } from "@/lib/domains/list-domains";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ actor, params }) => success(await listDomains(actor, params.id)), { access: { tenant: "domains:manage", platform: "tenants:read" } });

export const POST = apiRoute<Params>(async ({ actor, params, body }) => {
  const r = await configureDomains(actor, params.id, body);
  return success(r.body, { status: r.created ? 201 : 200 });
}, { access: { tenant: "domains:manage" } });
