import { serializeEndpoint, type WebhookEndpointView } from "@/lib/webhooks/serialize-webhook";
import { withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

export async function listWebhookEndpoints(owner: WebhookOwner): Promise<WebhookEndpointView[]> {
  return withWebhookScope(owner, async (s) => {
    const rows = await s.tx.webhookEndpoint.findMany({ where: { tenantId: s.tenantId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map((r) => serializeEndpoint(r));
  });
}
