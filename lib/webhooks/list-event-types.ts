import { webhookBody } from "@/lib/webhooks/enqueue-webhook-event";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-catalogue";

const EXAMPLE_TENANT = "tenant_1234567890abcdef";
const EXAMPLE_TIME = new Date("2026-01-01T12:00:00.000Z");

/** The catalogue as GET /api/v1/webhooks/event-types shows it: each type with a full example payload, built by the same function deliveries use. */
export function eventTypeCatalogue() {
  return WEBHOOK_EVENT_TYPES.map((e) => ({
    type: e.type,
    area: e.area,
    description: e.description,
    reserved: e.reserved ?? false,
    example: JSON.parse(webhookBody("evt_0123456789abcdef01234567", e.type, EXAMPLE_TENANT, e.example, EXAMPLE_TIME)) as Record<string, unknown>,
  }));
}
