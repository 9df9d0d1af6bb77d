import { deleteTenantWebhook, getTenantWebhook, updateTenantWebhook } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";

export const GET = apiRoute(getTenantWebhook, async ({ actor, params }) => success(await getWebhookEndpoint(tenantOwner(actor, params.id), params.endpoint_id)));

export const PATCH = apiRoute(updateTenantWebhook, async ({ actor, params, body }) => success({ endpoint: await updateWebhookEndpoint(tenantOwner(actor, params.id), params.endpoint_id, body) }));

export const DELETE = apiRoute(deleteTenantWebhook, async ({ actor, params }) => success(await deleteWebhookEndpoint(tenantOwner(actor, params.id), params.endpoint_id)));
