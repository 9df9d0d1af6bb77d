import type { WebhookAttempt, WebhookEndpoint, WebhookMessage } from "@/lib/generated/prisma/client";

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function serializeEndpoint(e: WebhookEndpoint, now = new Date()) {
  const rotating = e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? e.previousSecretExpiresAt : null;
  return {
    id: e.id,
    tenant_id: e.tenantId,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes,
    enabled: e.enabled,
    disabled_reason: e.disabledReason as "manual" | "gone" | "failing" | null,
    disabled_at: iso(e.disabledAt),
    failing_since: iso(e.failingSince),
    secret_rotating_until: iso(rotating),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}
export type WebhookEndpointView = ReturnType<typeof serializeEndpoint>;

export function serializeAttempt(a: WebhookAttempt) {
  return {
    id: a.id,
    attempt: a.attempt,
    attempted_at: a.attemptedAt.toISOString(),
    succeeded: a.succeeded,
    status_code: a.statusCode,
    duration_ms: a.durationMs,
    response_body: a.responseBody,
    error: a.error,
  };
}

export function serializeDelivery(m: WebhookMessage & { attemptRows?: WebhookAttempt[] }) {
  const open = m.status === "pending" || m.status === "retrying";
  return {
    id: m.id,
    event_id: m.eventId,
    event_type: m.eventType,
    status: m.status as "pending" | "retrying" | "succeeded" | "failed",
    attempts: m.attempts,
    next_attempt_at: open ? m.nextAttemptAt.toISOString() : null,
    last_status_code: m.lastStatusCode,
    last_error: m.lastError,
    created_at: m.createdAt.toISOString(),
    delivered_at: iso(m.deliveredAt),
    payload: JSON.parse(m.body) as unknown,
    attempt_log: (m.attemptRows ?? []).map(serializeAttempt),
  };
}
export type WebhookDeliveryView = ReturnType<typeof serializeDelivery>;
