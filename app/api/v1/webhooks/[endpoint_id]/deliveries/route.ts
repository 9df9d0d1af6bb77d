import { listPlatformWebhookDeliveries } from "@/lib/api-contracts/webhooks";
import { apiRoute, queryObject } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { platformOwner } from "@/lib/webhooks/webhook-scope";

export const GET = apiRoute(listPlatformWebhookDeliveries, async ({ caller, params, query }) => success(await listWebhookDeliveries(platformOwner(caller), params.endpoint_id, queryObject(query))));
