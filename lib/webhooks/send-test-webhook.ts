import { publishEvent } from "@/lib/events/publish-event";
import { enqueueTestEvent, prismaOutboxWriter } from "@/lib/webhooks/enqueue-webhook-event";
import { serializeDelivery, type WebhookDeliveryView } from "@/lib/webhooks/serialize-webhook";
import { findEndpointOrThrow, withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

/** Queues a `webhook.test` event for this endpoint alone (enabled or not: a test is how one checks before enabling). */
export async function sendTestWebhook(owner: WebhookOwner, endpointId: string): Promise<WebhookDeliveryView> {
  return withWebhookScope(owner, async (s) => {
    const endpoint = await findEndpointOrThrow(s, endpointId, { lock: "share" });
    const eventId = await enqueueTestEvent(prismaOutboxWriter(s.tx), s.tenantId, endpoint.id);
    await publishEvent(s.tx, s.auditCaller, { tenantId: s.tenantId, action: "webhook.test_sent", targetType: "webhook_endpoint", targetId: endpoint.id, after: { event_id: eventId } });
    const message = await s.tx.webhookMessage.findUniqueOrThrow({ where: { endpointId_eventId: { endpointId: endpoint.id, eventId } }, include: { attemptRows: true } });
    return serializeDelivery(message);
  });
}
