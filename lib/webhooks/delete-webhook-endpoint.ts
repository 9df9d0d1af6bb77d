import { publishEvent } from "@/lib/events/publish-event";
import { findEndpointOrThrow, withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

/** Removes the endpoint with its undelivered messages and delivery log. */
export async function deleteWebhookEndpoint(owner: WebhookOwner, endpointId: string): Promise<{ deleted: true; id: string }> {
  return withWebhookScope(owner, async (s) => {
    const row = await findEndpointOrThrow(s, endpointId, { lock: true });
    await s.tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await publishEvent(s.tx, s.auditCaller, { tenantId: s.tenantId, action: "webhook.endpoint_deleted", targetType: "webhook_endpoint", targetId: row.id, before: { url: row.url, event_types: row.eventTypes } });
    return { deleted: true as const, id: row.id };
  });
}
