import { rotateTenantWebhookSecret } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { tenantOwner } from "@/lib/webhooks/webhook-scope";

/** The new secret is in this answer once. */
export const POST = apiRoute(rotateTenantWebhookSecret, async ({ actor, params }) => success(await rotateWebhookSecret(tenantOwner(actor, params.id), params.endpoint_id)));
