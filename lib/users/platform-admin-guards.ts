import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";

/**
 * Locks every active platform admin's row, in id order. Call it before locking
 * the target account, always in this order, so two concurrent demotions queue
 * instead of deadlocking: the second waits, then re-reads the rows and sees
 * one admin left.
 */
export async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE platform_role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE`;
  return rows.map((r) => r.id);
}

/** The account's row, locked for the rest of the transaction. */
export async function lockUser(tx: Tx, userId: string) {
  const rows = await tx.$queryRaw<{ platform_role: string | null; status: string }[]>`
    SELECT platform_role, status FROM users WHERE id = ${userId} FOR UPDATE`;
  if (!rows[0]) throw new AppError("not_found", `No user ${userId}`);
  return rows[0];
}

/** Refuses when `leaving` is the last active platform admin (`admins` from lockActiveAdmins). */
export function keepAnAdmin(admins: string[], leaving: string): void {
  if (admins.includes(leaving) && admins.length <= 1) {
    throw new AppError("invalid_state", "The platform must keep at least one active admin; make someone else admin first");
  }
}

/** Staff never change their own account's role or status: another admin has to. */
export function refuseSelf(caller: Caller, userId: string, what: string): void {
  if (caller.kind === "user" && caller.id === userId) throw new AppError("invalid_state", `You cannot ${what} yourself`);
}
