import { rotatePlatformWebhookSecret } from "@/lib/api-contracts/webhooks";
import { apiRoute } from "@/lib/http/api-route";
import { success } from "@/lib/http/respond";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { platformOwner } from "@/lib/webhooks/webhook-scope";

/** The new secret is in this answer once. */
export const POST = apiRoute(rotatePlatformWebhookSecret, async ({ caller, params }) => success(await rotateWebhookSecret(platformOwner(caller), params.endpoint_id)));
