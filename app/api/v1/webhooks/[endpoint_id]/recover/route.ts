import { recoverPlatformWebhookDeliveries } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { recoverWebhookDeliveries } from "@/lib/webhooks/replay-webhook-delivery";
import { platformOwner } from "@/lib/webhooks/webhook-scope";

export const POST = apiRoute(recoverPlatformWebhookDeliveries, async ({ caller, params, body }) => success(await recoverWebhookDeliveries(platformOwner(caller), params.endpoint_id, body), { status: 202 }));
