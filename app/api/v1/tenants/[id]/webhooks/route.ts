import { createTenantWebhook, listTenantWebhooks } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";

export const GET = apiRoute(listTenantWebhooks, async ({ actor, params }) => success({ endpoints: await listWebhookEndpoints(tenantOwner(actor, params.id)) }));

/** The signing secret is in this answer once. */
export const POST = apiRoute(createTenantWebhook, async ({ actor, params, body }) => success(await createWebhookEndpoint(tenantOwner(actor, params.id), body), { status: 201 }));
