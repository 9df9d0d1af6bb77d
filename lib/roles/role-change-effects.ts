import type { Tx } from "@/lib/db/prisma";

export type MemberPermissionChange = { user_id: string; email: string; name: string; gains: string[]; loses: string[] };

/** Who holds the role, and which permissions each would gain or lose if it changed from `before` to `after`. */
export async function roleChangeEffects(tx: Tx, tenantId: string, roleId: string, before: readonly string[], after: readonly string[]): Promise<MemberPermissionChange[]> {
  const gains = after.filter((p) => !before.includes(p)).sort();
  const loses = before.filter((p) => !after.includes(p)).sort();
  if (!gains.length && !loses.length) return [];
  const holders = await tx.membership.findMany({ where: { tenantId, role: roleId }, select: { userId: true, user: { select: { email: true, name: true } } }, orderBy: { userId: "asc" } });
  return holders.map((h) => ({ user_id: h.userId, email: h.user.email, name: h.user.name, gains, loses }));
}
