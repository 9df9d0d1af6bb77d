import type { Caller } from "@/lib/auth/caller";
import type { Tx } from "@/lib/db/prisma";
import { AppError } from "@/lib/http/errors";
import { Prisma } from "@/lib/generated/prisma/client";

type LockedUser = { id: string; email: string; platform_role: string | null; status: string };

/**
 * Locks every active platform admin's row and the target account's row (by
 * id, or by email when it may not exist yet) in ONE statement, in id order,
 * so two concurrent demotions queue instead of deadlocking: the second waits,
 * then re-reads the rows and sees one admin left. In two statements (admins,
 * then the target) the admin set one transaction saw could differ from
 * another's, so their lock orders crossed and PostgreSQL killed one (40P01).
 */
export async function lockAdminsAnd(tx: Tx, target: { id: string } | { email: string }): Promise<{ admins: string[]; user: LockedUser | null }> {
  const rows = await tx.$queryRaw<LockedUser[]>`
    SELECT id, email, platform_role, status FROM users
    WHERE (platform_role = 'admin' AND status = 'active') OR ${"id" in target ? Prisma.sql`id = ${target.id}` : Prisma.sql`email = ${target.email}`}
    ORDER BY id FOR UPDATE`;
  const user = rows.find((r) => ("id" in target ? r.id === target.id : r.email === target.email)) ?? null;
  return { admins: rows.filter((r) => r.platform_role === "admin" && r.status === "active").map((r) => r.id), user };
}

/** lockAdminsAnd for an account that must exist. */
export async function lockAdminsAndUser(tx: Tx, userId: string): Promise<{ admins: string[]; user: LockedUser }> {
  const { admins, user } = await lockAdminsAnd(tx, { id: userId });
  if (!user) throw new AppError("not_found", `No user ${userId}`);
  return { admins, user };
}

/** Refuses when `leaving` is the last active platform admin (`admins` from lockAdminsAnd). */
export function keepAnAdmin(admins: string[], leaving: string): void {
  if (admins.includes(leaving) && admins.length <= 1) {
    throw new AppError("invalid_state", "The platform must keep at least one active admin; make someone else admin first");
  }
}

/** Staff never change their own account's role or status: another admin has to. */
export function refuseSelf(caller: Caller, userId: string, what: string): void {
  if (caller.kind === "user" && caller.id === userId) throw new AppError("invalid_state", `You cannot ${what} yourself`);
}
