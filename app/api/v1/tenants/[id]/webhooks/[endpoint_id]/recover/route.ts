import { recoverTenantWebhookDeliveries } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { recoverWebhookDeliveries } from "@/lib/webhooks/replay-webhook-delivery";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";

export const POST = apiRoute(recoverTenantWebhookDeliveries, async ({ actor, params, body }) => success(await recoverWebhookDeliveries(tenantOwner(actor, params.id), params.endpoint_id, body), { status: 202 }));
