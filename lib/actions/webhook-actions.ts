"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { actionCaller } from "@/lib/auth/current-caller";
import { parseOrThrow } from "@/lib/http/errors";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-webhook-endpoint";
import { getWebhookEndpoint } from "@/lib/webhooks/get-webhook-endpoint";
import { listWebhookDeliveries } from "@/lib/webhooks/list-webhook-deliveries";
import { listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { recoverWebhookDeliveries, replayWebhookDelivery } from "@/lib/webhooks/replay-webhook-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-webhook-secret";
import { sendTestWebhook } from "@/lib/webhooks/send-test-webhook";
import { summarizeWebhookEndpoints, type WebhookEndpointSummary } from "@/lib/webhooks/summarize-webhook-endpoints";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-webhook-endpoint";
import type { WebhookDeliveryView, WebhookEndpointView } from "@/lib/webhooks/serialize-webhook";
import type { WebhookStatsView } from "@/lib/webhooks/webhook-endpoint-stats";
import { platformOwner, tenantOwner, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

/**
 * Whose endpoints an action works on: `{ tenantId }` (the portal, or the
 * console's tenant tab) or `"platform"` (the console's platform webhooks page,
 * staff with webhooks:manage). The services authorise either way.
 */
export type WebhookScopeArg = { tenantId: string } | "platform";

const idSchema = z.string().min(1).max(100);
const scopeSchema = z.union([z.literal("platform"), z.strictObject({ tenantId: idSchema })]);

async function ownerOf(scope: unknown): Promise<WebhookOwner> {
  const s = parseOrThrow(scopeSchema, scope);
  return s === "platform" ? platformOwner(await actionCaller()) : tenantOwner(await actionTenantActor(), s.tenantId);
}

export async function listWebhookEndpointsAction(scope: unknown): Promise<ActionResult<WebhookEndpointView[]>> {
  return runAction("webhook.listWebhookEndpoints", async () => listWebhookEndpoints(await ownerOf(scope)));
}

/** The secret is returned here once and never again. */
export async function createWebhookEndpointAction(scope: unknown, input: unknown): Promise<ActionResult<{ endpoint: WebhookEndpointView; secret: string }>> {
  return runAction("webhook.createWebhookEndpoint", async () => createWebhookEndpoint(await ownerOf(scope), input));
}

export async function getWebhookEndpointAction(scope: unknown, endpointId: unknown): Promise<ActionResult<{ endpoint: WebhookEndpointView; stats: WebhookStatsView }>> {
  return runAction("webhook.getWebhookEndpoint", async () => getWebhookEndpoint(await ownerOf(scope), parseOrThrow(idSchema, endpointId)));
}

/** url, description, event_types, enabled (true re-enables). */
export async function updateWebhookEndpointAction(scope: unknown, endpointId: unknown, input: unknown): Promise<ActionResult<WebhookEndpointView>> {
  return runAction("webhook.updateWebhookEndpoint", async () => updateWebhookEndpoint(await ownerOf(scope), parseOrThrow(idSchema, endpointId), input));
}

export async function deleteWebhookEndpointAction(scope: unknown, endpointId: unknown): Promise<ActionResult<{ deleted: true; id: string }>> {
  return runAction("webhook.deleteWebhookEndpoint", async () => deleteWebhookEndpoint(await ownerOf(scope), parseOrThrow(idSchema, endpointId)));
}

export async function sendTestWebhookAction(scope: unknown, endpointId: unknown): Promise<ActionResult<WebhookDeliveryView>> {
  return runAction("webhook.sendTestWebhook", async () => sendTestWebhook(await ownerOf(scope), parseOrThrow(idSchema, endpointId)));
}

/** query: { status?, limit?, cursor? } as GET …/deliveries takes it. */
export async function listWebhookDeliveriesAction(scope: unknown, endpointId: unknown, query: unknown): Promise<ActionResult<{ deliveries: WebhookDeliveryView[]; next_cursor: string | null }>> {
  return runAction("webhook.listWebhookDeliveries", async () => listWebhookDeliveries(await ownerOf(scope), parseOrThrow(idSchema, endpointId), query ?? {}));
}

export async function replayWebhookDeliveryAction(scope: unknown, endpointId: unknown, deliveryId: unknown): Promise<ActionResult<WebhookDeliveryView>> {
  return runAction("webhook.replayWebhookDelivery", async () => replayWebhookDelivery(await ownerOf(scope), parseOrThrow(idSchema, endpointId), parseOrThrow(idSchema, deliveryId)));
}

/** input: { since } (RFC 3339). */
export async function recoverWebhookDeliveriesAction(scope: unknown, endpointId: unknown, input: unknown): Promise<ActionResult<{ requeued: number; since: string }>> {
  return runAction("webhook.recoverWebhookDeliveries", async () => recoverWebhookDeliveries(await ownerOf(scope), parseOrThrow(idSchema, endpointId), input));
}

/** The new secret is returned here once. */
export async function rotateWebhookSecretAction(scope: unknown, endpointId: unknown): Promise<ActionResult<{ endpoint: WebhookEndpointView; secret: string }>> {
  return runAction("webhook.rotateWebhookSecret", async () => rotateWebhookSecret(await ownerOf(scope), parseOrThrow(idSchema, endpointId)));
}

/** Each endpoint's 24 h success rate and latest attempt, for the endpoint list. */
export async function summarizeWebhookEndpointsAction(scope: unknown): Promise<ActionResult<Record<string, WebhookEndpointSummary>>> {
  return runAction("webhook.summarizeWebhookEndpoints", async () => summarizeWebhookEndpoints(await ownerOf(scope)));
}
