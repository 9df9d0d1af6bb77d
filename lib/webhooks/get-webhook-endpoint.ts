import { serializeEndpoint, type WebhookEndpointView } from "@/lib/webhooks/serialize-webhook";
import { webhookEndpointStats, type WebhookStatsView } from "@/lib/webhooks/webhook-endpoint-stats";
import { findEndpointOrThrow, withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

/** One endpoint with its 24 h delivery statistics. */
export async function getWebhookEndpoint(owner: WebhookOwner, endpointId: string): Promise<{ endpoint: WebhookEndpointView; stats: WebhookStatsView }> {
  return withWebhookScope(owner, async (s) => {
    const row = await findEndpointOrThrow(s, endpointId);
    return { endpoint: serializeEndpoint(row), stats: await webhookEndpointStats(s.tx, row.id) };
  });
}
