import { createTenantTemplate, listTenantTemplates } from "@/lib/api-contracts/templates";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { parseOrThrow } from "@/lib/http/errors";
import { success } from "@/lib/http/respond";
import { createTemplate } from "@/lib/templates/create-template";
import { listTemplates } from "@/lib/templates/list-templates";

export const GET = apiRoute(listTenantTemplates, async ({ caller, query }) => {
  const q = parseOrThrow(listTenantTemplates.query, queryObject(query));
  return success({ templates: await listTemplates(caller, { includeArchived: q.include_archived }) });
});

export const POST = apiRoute(createTenantTemplate, async ({ caller, body }) => {
  const template = await createTemplate(caller, body);
  return success({ template }, { status: 201, headers: { Location: `/api/v1/tenant-templates/${template.id}` } });
});
