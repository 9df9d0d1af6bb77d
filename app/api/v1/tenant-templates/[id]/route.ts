import { deleteTenantTemplate, getTenantTemplate, updateTenantTemplate } from "@/lib/api-contracts/templates";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { archiveTemplate } from "@/lib/templates/archive-template";
import { getTemplate } from "@/lib/templates/get-template";
import { updateTemplate } from "@/lib/templates/update-template";

export const GET = apiRoute(getTenantTemplate, async ({ caller, params, query }) => {
  const q = parseOrThrow(getTenantTemplate.query, queryObject(query));
  return success({ template: await getTemplate(caller, params.id, q.version) });
});

export const PUT = apiRoute(updateTenantTemplate, async ({ caller, params, body }) => success({ template: await updateTemplate(caller, params.id, body) }));

export const DELETE = apiRoute(deleteTenantTemplate, async ({ caller, params }) => success({ template: await archiveTemplate(caller, params.id) }));
