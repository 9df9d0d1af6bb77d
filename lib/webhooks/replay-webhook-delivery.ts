import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { recoverWebhookDeliveriesSchema } from "@/lib/schemas/webhooks";
import { serializeDelivery, type WebhookDeliveryView } from "@/lib/webhooks/serialize-webhook";
import { findEndpointOrThrow, nudgeDelivery, withWebhookScope, type WebhookOwner, type WebhookScope } from "@/lib/webhooks/webhook-scope";

// Replays keep the event's id and body (receivers deduplicate on webhook-id) and restart the retry schedule.
const REQUEUE = { status: "pending", attempts: 0, lastError: null } as const;

async function enabledEndpoint(s: WebhookScope, endpointId: string) {
  const endpoint = await findEndpointOrThrow(s, endpointId, { lock: "share" });
  if (!endpoint.enabled) throw new AppError("invalid_state", "The endpoint is disabled; re-enable it first (PATCH enabled: true)");
  return endpoint;
}

/** Sends one message again now, whatever became of it. */
export async function replayWebhookDelivery(owner: WebhookOwner, endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
  return withWebhookScope(owner, async (s) => {
    const endpoint = await enabledEndpoint(s, endpointId);
    const message = await s.tx.webhookMessage.findFirst({ where: { id: deliveryId, endpointId: endpoint.id } });
    if (!message) throw new AppError("not_found", `No delivery ${deliveryId} for this endpoint`);
    const row = await s.tx.webhookMessage.update({ where: { id: message.id }, data: { ...REQUEUE, nextAttemptAt: new Date() }, include: { attemptRows: { orderBy: { attemptedAt: "asc" } } } });
    await nudgeDelivery(s.tx);
    await publishEvent(s.tx, s.auditCaller, { tenantId: s.tenantId, action: "webhook.delivery_replayed", targetType: "webhook_endpoint", targetId: endpoint.id, after: { delivery_id: message.id, event_id: message.eventId, previous_status: message.status } });
    return serializeDelivery(row);
  });
}

/** "Replay all failed since…": every dead-lettered message of the endpoint created since `since` goes back in the queue. */
export async function recoverWebhookDeliveries(owner: WebhookOwner, endpointId: string, input: unknown): Promise<{ requeued: number; since: string }> {
  return withWebhookScope(owner, async (s) => {
    const body = parseOrThrow(recoverWebhookDeliveriesSchema, input);
    const endpoint = await enabledEndpoint(s, endpointId);
    const since = new Date(body.since);
    const { count } = await s.tx.webhookMessage.updateMany({ where: { endpointId: endpoint.id, status: "failed", createdAt: { gte: since } }, data: { ...REQUEUE, nextAttemptAt: new Date() } });
    if (count > 0) await nudgeDelivery(s.tx);
    await publishEvent(s.tx, s.auditCaller, { tenantId: s.tenantId, action: "webhook.deliveries_recovered", targetType: "webhook_endpoint", targetId: endpoint.id, after: { since: since.toISOString(), requeued: count } });
    return { requeued: count, since: since.toISOString() };
  });
}
