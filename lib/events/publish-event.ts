import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { recordAuditEvent, type AuditInput } from "@/lib/audit/record-audit-event";
import { withContextFields } from "@/lib/events/event-context";
import { enqueueWebhookEvent, prismaOutboxWriter } from "@/lib/webhooks/enqueue-webhook-event";

export type PublishedEvent = AuditInput;

/**
 * The one way a feature says "this happened": it writes the audit row (and,
 * for event types someone subscribes to, the webhook outbox row) in the
 * caller's transaction, so the change, its record and its notification
 * commit or roll back together. Features never write either table directly.
 */
export async function publishEvent(tx: Tx, caller: Caller, published: PublishedEvent): Promise<void> {
  // Inside a bulk operation (lib/events/event-context.ts) every event names it.
  const event = { ...published, after: withContextFields(published.after) };
  await recordAuditEvent(tx, caller, event);
  // The type mapping (audit action → seed 000 webhook type) is lib/webhooks/event-catalogue.ts.
  await enqueueWebhookEvent(prismaOutboxWriter(tx), event.tenantId, event);
}
