import type { AccountHost } from "@/lib/auth/account-host";
import type { Tx } from "@/lib/db/prisma";

export type ResettableAccount = { id: string; email: string; name: string };

/**
 * Who may reset a password where: staff (an active account with a platform
 * role) on the console; a member on the portal of a tenant they are an active
 * member of (and the tenant is active). Anyone else gets the same silent
 * answer as an unknown address. `tx` is in the host's scope.
 */
export async function resettableAccount(tx: Tx, where: AccountHost, email: string): Promise<ResettableAccount | null> {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, status: true, platformRole: true } });
  if (!user || user.status !== "active") return null;
  if (where.kind === "console") return user.platformRole !== null ? user : null;
  if (where.tenant.status !== "active") return null;
  const m = await tx.membership.findFirst({ where: { tenantId: where.tenant.id, userId: user.id }, select: { status: true } });
  return m?.status === "active" ? user : null;
}
