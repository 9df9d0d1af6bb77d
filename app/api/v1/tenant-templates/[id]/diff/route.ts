import { compareTenantWithTemplate } from "@/lib/api-contracts/templates";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { compareWithTemplate } from "@/lib/templates/compare-with-template";

export const GET = apiRoute(compareTenantWithTemplate, async ({ caller, params, query }) => {
  const q = parseOrThrow(compareTenantWithTemplate.query, queryObject(query));
  return success(await compareWithTemplate(caller, params.id, q.tenant_id, q.version));
});
