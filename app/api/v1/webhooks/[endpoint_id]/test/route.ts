import { testPlatformWebhook } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { platformOwner } from "@/lib/webhooks/webhook-scope";

export const POST = apiRoute(testPlatformWebhook, async ({ caller, params }) => success({ delivery: await sendTestWebhook(platformOwner(caller), params.endpoint_id) }, { status: 202 }));
