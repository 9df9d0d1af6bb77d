import { replayTenantWebhookDelivery } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { replayWebhookDelivery } from "@/lib/webhooks/replay-webhook-delivery";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";

export const POST = apiRoute(replayTenantWebhookDelivery, async ({ actor, params }) => success({ delivery: await replayWebhookDelivery(tenantOwner(actor, params.id), params.endpoint_id, params.delivery_id) }, { status: 202 }));
