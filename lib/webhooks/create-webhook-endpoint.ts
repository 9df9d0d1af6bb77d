import { randomBytes } from "node:crypto";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { createWebhookEndpointSchema } from "@/lib/schemas/webhooks";
import { newWebhookSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { serializeEndpoint, type WebhookEndpointView } from "@/lib/webhooks/serialize-webhook";
import { withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

/** Endpoints per tenant (and for the platform): each one multiplies every event's deliveries. */
export const MAX_WEBHOOK_ENDPOINTS = 25;

export const newEndpointId = () => `whep_${randomBytes(8).toString("hex")}`;

/** Adds an endpoint; its signing secret is in the answer once and only sealed (lib/webhooks/secret-box.ts) in the database. */
export async function createWebhookEndpoint(owner: WebhookOwner, input: unknown): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = newWebhookSecret();
  const row = await withWebhookScope(owner, async (s) => {
    const body = parseOrThrow(createWebhookEndpointSchema, input);
    const count = await s.tx.webhookEndpoint.count({ where: { tenantId: s.tenantId } });
    if (count >= MAX_WEBHOOK_ENDPOINTS) throw new AppError("limits_exceeded", `At most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first`, [{ path: "url", message: "Too many endpoints" }]);
    const created = await s.tx.webhookEndpoint.create({
      data: {
        id: newEndpointId(),
        tenantId: s.tenantId,
        url: body.url,
        description: body.description,
        eventTypes: body.event_types,
        enabled: body.enabled,
        disabledReason: body.enabled ? null : "manual",
        disabledAt: body.enabled ? null : new Date(),
        secretCiphertext: sealSecret(secret),
        createdBy: s.auditCaller.id,
      },
    });
    await publishEvent(s.tx, s.auditCaller, { tenantId: s.tenantId, action: "webhook.endpoint_created", targetType: "webhook_endpoint", targetId: created.id, after: { url: created.url, event_types: created.eventTypes, enabled: created.enabled } });
    return created;
  });
  return { endpoint: serializeEndpoint(row), secret };
}
