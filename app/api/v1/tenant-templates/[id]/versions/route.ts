import { listTenantTemplateVersions } from "@/lib/api-contracts/templates";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listTemplateVersions } from "@/lib/templates/get-template";

export const GET = apiRoute(listTenantTemplateVersions, async ({ caller, params }) => success({ versions: await listTemplateVersions(caller, params.id) }));
