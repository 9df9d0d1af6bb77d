import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { lockTenant } from "@/lib/tenant-access/tenant-lock";

/**
 * Takes the tenant lock (lockTenant: seat checks of concurrent invites,
 * accepts and reactivations run one after another) and refuses when `adding`
 * more seats would pass limits.users. Active members and live pending
 * invitations hold seats.
 */
export async function claimSeats(tx: Tx, tenantId: string, adding: number, opts: { exceptInvitationId?: string } = {}): Promise<void> {
  const { limits } = await lockTenant(tx, tenantId);
  const limit = limits?.users;
  if (typeof limit !== "number" || adding <= 0) return;
  const [members, pending] = await Promise.all([
    tx.membership.count({ where: { tenantId, status: "active" } }),
    tx.tenantInvitation.count({
      where: { tenantId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() }, ...(opts.exceptInvitationId ? { id: { not: opts.exceptInvitationId } } : {}) },
    }),
  ]);
  if (members + pending + adding > limit) {
    throw new AppError("tenant_limit_exceeded", `This tenant's plan allows ${limit} users (${members} members and ${pending} pending invitations)`, { limit, members, pending, requested: adding });
  }
}
