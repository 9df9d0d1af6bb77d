import { createPlatformWebhook, listPlatformWebhooks } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { platformOwner } from "@/lib/webhooks/webhook-scope";

export const GET = apiRoute(listPlatformWebhooks, async ({ caller }) => success({ endpoints: await listWebhookEndpoints(platformOwner(caller)) }));

/** The signing secret is in this answer once. */
export const POST = apiRoute(createPlatformWebhook, async ({ caller, body }) => success(await createWebhookEndpoint(platformOwner(caller), body), { status: 201 }));
