import { createTenantApiKey as createContract, listTenantApiKeys as listContract } from "@/lib/api-contracts/api-keys";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { createTenantApiKey } from "@/lib/tenant-api-keys/create-tenant-api-key";
import { listTenantApiKeys } from "@/lib/tenant-api-keys/list-tenant-api-keys";

export const GET = apiRoute(listContract, async ({ actor, params }) => success({ api_keys: await listTenantApiKeys(actor, params.id) }));

/** The key is in this answer once; only its digest is kept. */
export const POST = apiRoute(createContract, async ({ actor, params, body }) => {
  const { key, apiKey } = await createTenantApiKey(actor, params.id, body);
  return success({ key, api_key: apiKey }, { status: 201 });
});
