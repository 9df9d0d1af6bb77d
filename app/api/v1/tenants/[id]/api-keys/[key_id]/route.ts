import { revokeTenantApiKey as contract } from "@/lib/api-contracts/api-keys";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { revokeTenantApiKey } from "@/lib/tenant-api-keys/revoke-tenant-api-key";

export const DELETE = apiRoute(contract, async ({ actor, params }) => success({ api_key: await revokeTenantApiKey(actor, params.id, params.key_id) }));
