import { listTenantWebhookDeliveries } from "@/lib/api-contracts/webhooks";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";

export const GET = apiRoute(listTenantWebhookDeliveries, async ({ actor, params, query }) => success(await listWebhookDeliveries(tenantOwner(actor, params.id), params.endpoint_id, queryObject(query))));
