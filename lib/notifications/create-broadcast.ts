import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { parseOrThrow } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { broadcastAudience } from "@/lib/notifications/broadcast-audience";
import { serializeBroadcast, type BroadcastView } from "@/lib/notifications/broadcast-view";
import { wakeNotificationsJob } from "@/lib/notifications/notifications-queue";
import { broadcastPreviewSchema, broadcastSchema } from "@/lib/schemas/notifications";

export type BroadcastResult = { dry_run: true; audience: { tenants: number; members: number } } | { dry_run: false; audience: { tenants: number; members: number }; broadcast: BroadcastView };

/**
 * POST /tenants/broadcast. dry_run answers the audience alone (the compose
 * page's live preview: only the filter is checked) and writes nothing. Otherwise the broadcast is stored
 * and sent by the notifications job, one transaction per tenant: at once
 * (the job is woken) or once send_at has passed. Staff with tenants:update.
 */
export async function createBroadcast(caller: Caller, body: unknown, now: Date = new Date()): Promise<BroadcastResult> {
  authorize(caller, "tenants:update");
  // A preview needs only the audience: the compose page asks while the message is still being written.
  if ((body as { dry_run?: unknown } | null)?.dry_run === true) {
    const { filter } = parseOrThrow(broadcastPreviewSchema, body);
    return { dry_run: true, audience: await withPlatformScope((tx) => broadcastAudience(tx, filter)) };
  }
  const input = parseOrThrow(broadcastSchema, body);
  const sendAt = input.send_at ? new Date(input.send_at) : now;
  const result = await withPlatformScope(async (tx): Promise<BroadcastResult> => {
    const audience = await broadcastAudience(tx, input.filter);
    const b = await tx.broadcast.create({
      data: {
        id: newId("bct"),
        filter: input.filter,
        severity: input.severity,
        title: input.title,
        body: input.body,
        link: input.link ?? null,
        sendAt,
        expiresAt: input.expires_at ? new Date(input.expires_at) : null,
        windowStart: input.window ? new Date(input.window.start) : null,
        windowEnd: input.window ? new Date(input.window.end) : null,
        status: sendAt > now ? "scheduled" : "sending",
        tenantsTotal: audience.tenants,
        createdBy: caller.id,
        createdByLabel: caller.label,
      },
    });
    await publishEvent(tx, caller, {
      tenantId: null,
      action: "broadcast.created",
      targetType: "broadcast",
      targetId: b.id,
      targetLabel: b.title,
      after: { broadcast_id: b.id, filter: input.filter, severity: b.severity, title: b.title, send_at: sendAt.toISOString(), audience },
    });
    return { dry_run: false, audience, broadcast: serializeBroadcast(b) };
  });
  if (!result.dry_run && result.broadcast.status === "sending") await wakeNotificationsJob();
  return result;
}
