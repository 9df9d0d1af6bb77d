"use client";

import { useMemo } from "react";
import {
  createWebhookEndpointAction,
  deleteWebhookEndpointAction,
  getWebhookEndpointAction,
  listWebhookDeliveriesAction,
  listWebhookEndpointsAction,
  recoverWebhookDeliveriesAction,
  replayWebhookDeliveryAction,
  rotateWebhookSecretAction,
  sendTestWebhookAction,
  summarizeWebhookEndpointsAction,
  updateWebhookEndpointAction,
  type WebhookScopeArg,
} from "@/lib/actions/webhook-actions";
import { fetchApi } from "@/lib/query/fetch-api";
import type { EventTypeInfo, WebhookOps } from "./webhook-ops";

/** Whose endpoints: one tenant's (portal, console tab) or the platform's (console). */
export type WebhookScope = { kind: "tenant"; tenantId: string } | { kind: "platform" };

/** The server actions for a scope, as the screens call them. */
export function useWebhookOps(scope: WebhookScope): WebhookOps {
  const tenantId = scope.kind === "tenant" ? scope.tenantId : null;
  return useMemo(() => opsFor(tenantId === null ? "platform" : { tenantId }), [tenantId]);
}

function opsFor(s: WebhookScopeArg): WebhookOps {
  return {
    list: () => listWebhookEndpointsAction(s),
    summaries: () => summarizeWebhookEndpointsAction(s),
    get: (id) => getWebhookEndpointAction(s, id),
    create: (input) => createWebhookEndpointAction(s, input),
    update: (id, patch) => updateWebhookEndpointAction(s, id, patch),
    remove: (id) => deleteWebhookEndpointAction(s, id),
    rotateSecret: (id) => rotateWebhookSecretAction(s, id),
    sendTest: (id) => sendTestWebhookAction(s, id),
    deliveries: (id, query) => listWebhookDeliveriesAction(s, id, query),
    replay: (id, deliveryId) => replayWebhookDeliveryAction(s, id, deliveryId),
    recover: (id, since) => recoverWebhookDeliveriesAction(s, id, { since }),
    // The public catalogue, the same on every host; no session needed.
    eventTypes: () => fetchApi<{ event_types: EventTypeInfo[] }>("/api/v1/webhooks/event-types").then((r) => r.event_types),
  };
}
