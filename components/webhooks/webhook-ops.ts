import type { ActionResult } from "@/lib/actions/action-result";
import type { WebhookDeliveryView as DeliveryView, WebhookEndpointView } from "@/lib/webhooks/serialize-webhook";
import type { WebhookStatsView as EndpointStats } from "@/lib/webhooks/webhook-endpoint-stats";
import type { WebhookEndpointSummary } from "@/lib/webhooks/summarize-webhook-endpoints";

// What the webhook screens need from the server, once for the three places
// they appear (portal page, console tenant tab, console platform page). Each
// place hands in the same operations bound to its scope; the screens never
// know whether they manage a tenant's endpoints or the platform's.

export type { WebhookEndpointView, WebhookDeliveryView as DeliveryView } from "@/lib/webhooks/serialize-webhook";
export type { WebhookStatsView as EndpointStats } from "@/lib/webhooks/webhook-endpoint-stats";
export type DeliveryAttemptView = DeliveryView["attempt_log"][number];
export type DeliveryStatus = DeliveryView["status"];
export type DeliveryPage = { deliveries: DeliveryView[]; next_cursor: string | null };
export type { WebhookEndpointSummary } from "@/lib/webhooks/summarize-webhook-endpoints";

/** A row of the endpoint list: the endpoint and its 24 h summary. */
export type EndpointRow = WebhookEndpointView & { summary: WebhookEndpointSummary | null };

export const endpointRows = (endpoints: WebhookEndpointView[], summaries: Record<string, WebhookEndpointSummary>): EndpointRow[] =>
  endpoints.map((e) => ({ ...e, summary: summaries[e.id] ?? null }));

export type EventTypeInfo = { type: string; area: string; description: string; example: unknown; reserved?: boolean };

export type EndpointInput = { url: string; description: string; event_types: string[]; enabled: boolean };

export type WebhookOps = {
  list: () => Promise<ActionResult<WebhookEndpointView[]>>;
  summaries: () => Promise<ActionResult<Record<string, WebhookEndpointSummary>>>;
  get: (id: string) => Promise<ActionResult<{ endpoint: WebhookEndpointView; stats: EndpointStats }>>;
  create: (input: EndpointInput) => Promise<ActionResult<{ endpoint: WebhookEndpointView; secret: string }>>;
  update: (id: string, patch: Partial<EndpointInput>) => Promise<ActionResult<WebhookEndpointView>>;
  remove: (id: string) => Promise<ActionResult<unknown>>;
  rotateSecret: (id: string) => Promise<ActionResult<{ endpoint: WebhookEndpointView; secret: string }>>;
  sendTest: (id: string) => Promise<ActionResult<DeliveryView>>;
  deliveries: (id: string, query: { status?: DeliveryStatus; cursor?: string }) => Promise<ActionResult<DeliveryPage>>;
  replay: (id: string, deliveryId: string) => Promise<ActionResult<DeliveryView>>;
  recover: (id: string, since: string) => Promise<ActionResult<{ requeued: number; since: string }>>;
  eventTypes: () => Promise<EventTypeInfo[]>;
};
