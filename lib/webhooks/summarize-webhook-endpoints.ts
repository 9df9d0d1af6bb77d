import { withWebhookScope, type WebhookOwner } from "@/lib/webhooks/webhook-scope";

/** What an endpoint list shows beside each endpoint: its 24 h success rate (as the endpoint's stats count it) and its latest attempt. */
export type WebhookEndpointSummary = { success_rate: number | null; last_attempt_at: string | null; last_attempt_succeeded: boolean | null };

/**
 * The summaries of all the owner's endpoints in one query: two LATERAL reads
 * per endpoint, each on the (endpoint_id, attempted_at) index, so a list of
 * 25 endpoints costs what one endpoint's stats do, however long their logs.
 */
export async function summarizeWebhookEndpoints(owner: WebhookOwner, now = new Date()): Promise<Record<string, WebhookEndpointSummary>> {
  return withWebhookScope(owner, async (s) => {
    const since = new Date(now.getTime() - 24 * 3_600_000);
    const rows = await s.tx.$queryRaw<{ id: string; succeeded: number; failed: number; last_at: Date | null; last_ok: boolean | null }[]>`
      SELECT e.id, w.succeeded, w.failed, l.attempted_at AS last_at, l.succeeded AS last_ok
      FROM webhook_endpoints e
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE a.succeeded)::int AS succeeded, count(*) FILTER (WHERE NOT a.succeeded)::int AS failed
        FROM webhook_attempts a WHERE a.endpoint_id = e.id AND a.attempted_at >= ${since}
      ) w
      LEFT JOIN LATERAL (
        SELECT a.attempted_at, a.succeeded FROM webhook_attempts a WHERE a.endpoint_id = e.id ORDER BY a.attempted_at DESC LIMIT 1
      ) l ON true
      WHERE e.tenant_id IS NOT DISTINCT FROM ${s.tenantId}::text`;
    return Object.fromEntries(
      rows.map((r) => [
        r.id,
        {
          success_rate: r.succeeded + r.failed === 0 ? null : Math.round((r.succeeded / (r.succeeded + r.failed)) * 1000) / 1000,
          last_attempt_at: r.last_at ? new Date(r.last_at).toISOString() : null,
          last_attempt_succeeded: r.last_ok,
        },
      ]),
    );
  });
}
