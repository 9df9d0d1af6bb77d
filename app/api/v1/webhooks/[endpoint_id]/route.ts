import { deletePlatformWebhook, getPlatformWebhook, updatePlatformWebhook } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import { platformOwner } from "@/lib/webhooks/webhook-scope";

export const GET = apiRoute(getPlatformWebhook, async ({ caller, params }) => success(await getWebhookEndpoint(platformOwner(caller), params.endpoint_id)));

export const PATCH = apiRoute(updatePlatformWebhook, async ({ caller, params, body }) => success({ endpoint: await updateWebhookEndpoint(platformOwner(caller), params.endpoint_id, body) }));

export const DELETE = apiRoute(deletePlatformWebhook, async ({ caller, params }) => success(await deleteWebhookEndpoint(platformOwner(caller), params.endpoint_id)));
