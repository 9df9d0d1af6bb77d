import { testTenantWebhook } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";

export const POST = apiRoute(testTenantWebhook, async ({ actor, params }) => success({ delivery: await sendTestWebhook(tenantOwner(actor, params.id), params.endpoint_id) }, { status: 202 }));
