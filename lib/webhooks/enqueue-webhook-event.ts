import { randomBytes } from "node:crypto";
import type { Tx } from "@/lib/db/prisma";
import { patternsFor, webhookEventFor, type WebhookEventSource } from "@/lib/webhooks/event-catalogue";

/** One statement on the caller's open transaction. */
export type OutboxWriter = (sql: string, values: unknown[]) => Promise<number>;

export const prismaOutboxWriter =
  (tx: Tx): OutboxWriter =>
  async (sql, values) => {
    const rows = await tx.$queryRawUnsafe<{ n: number }[]>(sql, ...values);
    return rows[0]?.n ?? 0;
  };

export const newWebhookEventId = () => `evt_${randomBytes(12).toString("hex")}`;

/** The body every endpoint receives, byte for byte what is signed. */
export function webhookBody(id: string, type: string, tenantId: string | null, data: Record<string, unknown>, at = new Date()): string {
  return JSON.stringify({ id, type, timestamp: at.toISOString(), tenant_id: tenantId, data });
}

const ENQUEUE = "SELECT atrium_enqueue_webhook($1, $2, $3, $4::text[], $5, $6) AS n";

/**
 * Writes an outbox row for every enabled endpoint subscribed to the event's
 * type (the tenant's own and the platform's), in the caller's transaction:
 * one indexed statement whether or not anyone subscribes. Returns how many.
 */
export async function enqueueWebhookEvent(write: OutboxWriter, eventTenantId: string | null, source: WebhookEventSource): Promise<number> {
  const event = webhookEventFor(source);
  if (!event) return 0;
  // An event about a tenant is that tenant's even when recorded at platform level (the purge: its audit row outlives the tenant).
  const tenantId = eventTenantId ?? (source.targetType === "tenant" ? source.targetId : null);
  const id = newWebhookEventId();
  return write(ENQUEUE, [tenantId, id, event.type, patternsFor(event.type), webhookBody(id, event.type, tenantId, event.data), null]);
}

/** A "webhook.test" event for one endpoint only, subscribed to it or not. */
export async function enqueueTestEvent(write: OutboxWriter, tenantId: string | null, endpointId: string): Promise<string> {
  const id = newWebhookEventId();
  const body = webhookBody(id, "webhook.test", tenantId, { endpoint_id: endpointId, message: "This is a test event from Atrium" });
  await write(ENQUEUE, [tenantId, id, "webhook.test", ["webhook.test"], body, endpointId]);
  return id;
}
