import { publishEvent } from "@/lib/events/publish-event";
import { parseOrThrow } from "@/lib/http/errors";
import { updateWebhookEndpointSchema } from "@/lib/schemas/webhooks";
import { serializeEndpoint, type WebhookEndpointView } from "@/lib/webhooks/serialize-webhook";
import { findEndpointOrThrow, nudgeDelivery, withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

/**
 * Changes url, description, event types or enabled. `enabled: true` is
 * "re-enable": it clears why it was off (a 410, five days of failures) and the
 * failure streak, and messages still waiting are delivered again.
 */
export async function updateWebhookEndpoint(owner: WebhookOwner, endpointId: string, input: unknown): Promise<WebhookEndpointView> {
  return withWebhookScope(owner, async (s) => {
    const body = parseOrThrow(updateWebhookEndpointSchema, input);
    const before = await findEndpointOrThrow(s, endpointId, { lock: true });
    const now = new Date();
    const toggled = body.enabled !== undefined && body.enabled !== before.enabled;
    const row = await s.tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: {
        url: body.url,
        description: body.description,
        eventTypes: body.event_types,
        ...(toggled && body.enabled ? { enabled: true, disabledReason: null, disabledAt: null, failingSince: null } : {}),
        ...(toggled && !body.enabled ? { enabled: false, disabledReason: "manual", disabledAt: now } : {}),
        updatedAt: now,
      },
    });
    if (toggled && body.enabled) await nudgeDelivery(s.tx);
    const pick = (e: typeof row) => ({ url: e.url, description: e.description, event_types: e.eventTypes, enabled: e.enabled });
    await publishEvent(s.tx, s.auditCaller, { tenantId: s.tenantId, action: "webhook.endpoint_updated", targetType: "webhook_endpoint", targetId: row.id, before: pick(before), after: pick(row) });
    return serializeEndpoint(row, now);
  });
}
