import { assertRecentAuthentication } from "@/lib/auth/sessions/recent-auth";
import { publishEvent } from "@/lib/events/publish-event";
import { newWebhookSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { serializeEndpoint, type WebhookEndpointView } from "@/lib/webhooks/serialize-webhook";
import { findEndpointOrThrow, withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

/** How long the replaced secret still signs, so receivers can switch without losing a delivery. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/**
 * A new signing secret, shown once. The current one keeps signing beside it
 * for 24 h (both signatures in every delivery); a second rotation within the
 * window drops the oldest.
 */
export async function rotateWebhookSecret(owner: WebhookOwner, endpointId: string): Promise<{ endpoint: WebhookEndpointView; secret: string }> {
  const secret = newWebhookSecret();
  const row = await withWebhookScope(owner, async (s) => {
    const before = await findEndpointOrThrow(s, endpointId, { lock: true });
    await assertRecentAuthentication(owner.kind === "tenant" ? owner.actor : owner.caller, "rotate a signing secret");
    const now = new Date();
    const row = await s.tx.webhookEndpoint.update({
      where: { id: endpointId },
      data: { secretCiphertext: sealSecret(secret), previousSecretCiphertext: before.secretCiphertext, previousSecretExpiresAt: new Date(now.getTime() + SECRET_OVERLAP_MS), updatedAt: now },
    });
    await publishEvent(s.tx, s.auditCaller, { tenantId: s.tenantId, action: "webhook.secret_rotated", targetType: "webhook_endpoint", targetId: row.id, after: { previous_valid_until: row.previousSecretExpiresAt?.toISOString() } });
    return row;
  });
  return { endpoint: serializeEndpoint(row), secret };
}
