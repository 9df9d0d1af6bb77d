import { z } from "zod";
import { defineRoute, PLATFORM_ACCESS_NOTE } from "@/lib/api-contracts/define-route";
import type { RouteAccess } from "@/lib/http/route-access";
import {
  createWebhookEndpointSchema,
  recoverWebhookDeliveriesSchema,
  updateWebhookEndpointSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookEventPayloadSchema,
  webhookStatsSchema,
} from "@/lib/schemas/webhooks";

const secretNote = "The signing secret (`whsec_…`, Standard Webhooks format) is in this answer once; Atrium keeps it encrypted and never shows it again.";

/**
 * The same operations for a tenant's endpoints (/tenants/{id}/webhooks, needs
 * webhooks:manage in the tenant) and the platform's (/webhooks, staff with the
 * platform webhooks:manage; they receive every tenant's events).
 */
function endpointContracts<const B extends "/api/v1/tenants/{id}/webhooks" | "/api/v1/webhooks">(base: B, access: RouteAccess, tag: string, note: string) {
  const one = `${base}/{endpoint_id}` as `${B}/{endpoint_id}` & `/api/v1/${string}`;
  return {
    list: defineRoute({
      method: "GET",
      path: base,
      tag,
      summary: "List webhook endpoints (never their secrets)",
      description: note,
      access,
      rateLimit: "tenant_queries",
      responses: { 200: { description: "Endpoints", data: z.object({ endpoints: z.array(webhookEndpointSchema) }) } },
      errors: [401, 403, 404],
    }),
    create: defineRoute({
      method: "POST",
      path: base,
      tag,
      summary: "Add a webhook endpoint",
      description: `${note} ${secretNote} \`url\` must be https (http only when the server allows private networks) and must not point at a private, loopback or link-local address; \`event_types\` names types from GET /api/v1/webhooks/event-types, \`*\`, or an area such as \`member.*\`.`,
      access,
      rateLimit: "tenant_queries",
      body: createWebhookEndpointSchema,
      bodyParsedBy: "service",
      headers: ["idempotency-key"],
      responses: { 201: { description: "Created", data: z.object({ endpoint: webhookEndpointSchema, secret: z.string() }) } },
      errors: [400, 401, 403, 404],
    }),
    get: defineRoute({
      method: "GET",
      path: one,
      tag,
      summary: "An endpoint with its success rate and 24 h hourly delivery counts",
      description: note,
      access,
      rateLimit: "tenant_queries",
      responses: { 200: { description: "The endpoint", data: z.object({ endpoint: webhookEndpointSchema, stats: webhookStatsSchema }) } },
      errors: [401, 403, 404],
    }),
    update: defineRoute({
      method: "PATCH",
      path: one,
      tag,
      summary: "Change url, description, event types or enabled (enabled: true re-enables a disabled endpoint)",
      description: note,
      access,
      rateLimit: "tenant_queries",
      body: updateWebhookEndpointSchema,
      bodyParsedBy: "service",
      responses: { 200: { description: "Updated", data: z.object({ endpoint: webhookEndpointSchema }) } },
      errors: [400, 401, 403, 404],
    }),
    remove: defineRoute({
      method: "DELETE",
      path: one,
      tag,
      summary: "Delete an endpoint with its pending messages and delivery log",
      description: note,
      access,
      rateLimit: "tenant_queries",
      responses: { 200: { description: "Deleted", data: z.object({ deleted: z.literal(true), id: z.string() }) } },
      errors: [401, 403, 404],
    }),
    test: defineRoute({
      method: "POST",
      path: `${one}/test` as `${B}/{endpoint_id}/test` & `/api/v1/${string}`,
      tag,
      summary: "Send a webhook.test event to this endpoint now",
      description: note,
      access,
      rateLimit: "tenant_queries",
      bodyOptional: true,
      responses: { 202: { description: "Queued; delivery follows within moments", data: z.object({ delivery: webhookDeliverySchema }) } },
      errors: [401, 403, 404],
    }),
    deliveries: defineRoute({
      method: "GET",
      path: `${one}/deliveries` as `${B}/{endpoint_id}/deliveries` & `/api/v1/${string}`,
      tag,
      summary: "The endpoint's deliveries, newest first, with every attempt (keyset-paginated)",
      description: `${note} Pass next_cursor as cursor for the next page.`,
      access,
      rateLimit: "tenant_queries",
      query: webhookDeliveriesQuerySchema,
      responses: { 200: { description: "Deliveries", data: z.object({ deliveries: z.array(webhookDeliverySchema), next_cursor: z.string().nullable() }) } },
      errors: [400, 401, 403, 404],
    }),
    replay: defineRoute({
      method: "POST",
      path: `${one}/deliveries/{delivery_id}/replay` as `${B}/{endpoint_id}/deliveries/{delivery_id}/replay` & `/api/v1/${string}`,
      tag,
      summary: "Send one message again (same event id), restarting its retry schedule",
      description: note,
      access,
      rateLimit: "tenant_queries",
      bodyOptional: true,
      responses: { 202: { description: "Queued", data: z.object({ delivery: webhookDeliverySchema }) } },
      errors: [401, 403, 404, 409],
    }),
    recover: defineRoute({
      method: "POST",
      path: `${one}/recover` as `${B}/{endpoint_id}/recover` & `/api/v1/${string}`,
      tag,
      summary: "Replay every failed (dead-lettered) message created since `since`",
      description: note,
      access,
      rateLimit: "tenant_queries",
      body: recoverWebhookDeliveriesSchema,
      bodyParsedBy: "service",
      responses: { 202: { description: "Queued", data: z.object({ requeued: z.number().int(), since: z.string() }) } },
      errors: [400, 401, 403, 404, 409],
    }),
    rotate: defineRoute({
      method: "POST",
      path: `${one}/rotate-secret` as `${B}/{endpoint_id}/rotate-secret` & `/api/v1/${string}`,
      tag,
      summary: "Replace the signing secret; the old one keeps signing beside it for 24 h",
      description: `${note} ${secretNote}`,
      access,
      rateLimit: "tenant_queries",
      bodyOptional: true,
      responses: { 200: { description: "Rotated", data: z.object({ endpoint: webhookEndpointSchema, secret: z.string() }) } },
      errors: [401, 403, 404],
    }),
  };
}

export const {
  list: listTenantWebhooks,
  create: createTenantWebhook,
  get: getTenantWebhook,
  update: updateTenantWebhook,
  remove: deleteTenantWebhook,
  test: testTenantWebhook,
  deliveries: listTenantWebhookDeliveries,
  replay: replayTenantWebhookDelivery,
  recover: recoverTenantWebhookDeliveries,
  rotate: rotateTenantWebhookSecret,
} = endpointContracts("/api/v1/tenants/{id}/webhooks", { tenant: "webhooks:manage" }, "Tenant webhooks", `Needs webhooks:manage. ${PLATFORM_ACCESS_NOTE}`);

export const {
  list: listPlatformWebhooks,
  create: createPlatformWebhook,
  get: getPlatformWebhook,
  update: updatePlatformWebhook,
  remove: deletePlatformWebhook,
  test: testPlatformWebhook,
  deliveries: listPlatformWebhookDeliveries,
  replay: replayPlatformWebhookDelivery,
  recover: recoverPlatformWebhookDeliveries,
  rotate: rotatePlatformWebhookSecret,
} = endpointContracts("/api/v1/webhooks", { platform: "webhooks:manage" }, "Platform webhooks", "Platform staff with webhooks:manage. Platform endpoints receive every tenant's events (and platform events such as platform API keys).");

export const listWebhookEventTypes = defineRoute({
  method: "GET",
  path: "/api/v1/webhooks/event-types",
  tag: "Webhook events",
  summary: "The webhook event catalogue (public), each type with an example payload",
  description:
    "Deliveries are POSTs of the payload as JSON with Standard Webhooks headers webhook-id (the event id, the deduplication key), webhook-timestamp and webhook-signature (`v1,<base64 HMAC-SHA256 of id.timestamp.body>` with the base64-decoded secret after `whsec_`; two, space-separated, during a rotation), plus X-Signature (`sha256=<hex HMAC-SHA256 of the body>`, the same key; comma-separated during a rotation), X-Tenant-ID and X-Event-Type. Reserved types are published by features to come.",
  access: "public",
  rateLimit: { none: "The same static catalogue for everyone, built once per process" },
  responses: {
    200: {
      description: "Event types",
      data: z.object({
        event_types: z.array(z.object({ type: z.string(), area: z.string(), description: z.string(), reserved: z.boolean(), example: webhookEventPayloadSchema })),
      }),
    },
  },
  errors: [],
});
