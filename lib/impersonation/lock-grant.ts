import type { Tx } from "@/lib/db/prisma";
import type { ImpersonationGrant } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";

/**
 * The grant, row-locked for the rest of the caller's transaction: parallel
 * decisions on one request take turns, and each sees the status the one
 * before it left (so twenty approvals make one, the others a 409).
 */
export async function lockGrant(tx: Tx, tenantId: string, grantId: string): Promise<ImpersonationGrant> {
  const locked = await tx.$queryRawUnsafe<{ id: string }[]>("SELECT id FROM impersonation_grants WHERE id = $1 AND tenant_id = $2 FOR UPDATE", grantId, tenantId);
  if (!locked[0]) throw new AppError("not_found", `No support access request with id ${grantId} in this tenant`);
  return tx.impersonationGrant.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: grantId } } });
}

/** The state machine's one rule for errors: what a request is now, when it cannot take this step. */
export const notInState = (g: ImpersonationGrant, step: string) => new AppError("invalid_state", `The request is ${g.status}: it cannot be ${step}`, { status: g.status });

/** approved and not past its expiry (the sweep may not have run yet). */
export const isLive = (g: ImpersonationGrant, now = new Date()) => g.status === "approved" && g.expiresAt !== null && g.expiresAt > now;
