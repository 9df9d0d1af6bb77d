import { replayPlatformWebhookDelivery } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { replayWebhookDelivery } from "@/lib/webhooks/replay-webhook-delivery";
import { platformOwner } from "@/lib/webhooks/webhook-scope";

export const POST = apiRoute(replayPlatformWebhookDelivery, async ({ caller, params }) => success({ delivery: await replayWebhookDelivery(platformOwner(caller), params.endpoint_id, params.delivery_id) }, { status: 202 }));
