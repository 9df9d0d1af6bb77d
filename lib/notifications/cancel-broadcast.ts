import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import { publishEvent } from "@/lib/events/publish-event";
import { AppError } from "@/lib/http/errors";
import { serializeBroadcast, type BroadcastView } from "@/lib/notifications/broadcast-view";

/** Withdraws a scheduled broadcast before it goes out; one already sending or sent answers 409 invalid_state. Staff with tenants:update. */
export async function cancelBroadcast(caller: Caller, broadcastId: string, now: Date = new Date()): Promise<BroadcastView> {
  authorize(caller, "tenants:update");
  return withPlatformScope(async (tx) => {
    const claim = await tx.broadcast.updateMany({ where: { id: broadcastId, status: "scheduled" }, data: { status: "canceled", canceledAt: now } });
    const b = await tx.broadcast.findUnique({ where: { id: broadcastId } });
    if (!b) throw new AppError("not_found", `No broadcast with id ${broadcastId}`);
    if (claim.count === 0) throw new AppError("invalid_state", `This broadcast is ${b.status}: only a scheduled one can be cancelled`, { status: b.status });
    await publishEvent(tx, caller, { tenantId: null, action: "broadcast.canceled", targetType: "broadcast", targetId: b.id, targetLabel: b.title, before: { status: "scheduled" }, after: { status: "canceled" } });
    return serializeBroadcast(b);
  });
}
