import { withTenantScope } from "@/lib/db/scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseOrThrow } from "@/lib/http/errors";
import { listMembersQuerySchema } from "@/lib/schemas/members";
import { authorizeTenant, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { roleName } from "@/lib/tenant-access/role-permissions";
import { pagination } from "@/lib/tenants/list-tenants";
import { MEMBER_SELECT, serializeMember } from "@/lib/members/serialize-member";

export async function listMembers(actor: TenantActor, tenantId: string, query: unknown) {
  const q = parseOrThrow(listMembersQuerySchema, query);
  const term = q.search?.replace(/[\\%_]/g, "\\$&");
  const where: Prisma.MembershipWhereInput = {
    tenantId,
    ...(q.status ? { status: q.status } : {}),
    ...(q.role ? { role: q.role } : {}),
    ...(term ? { user: { OR: [{ name: { contains: term, mode: "insensitive" } }, { email: { contains: term.toLowerCase() } }] } } : {}),
  };
  const orderBy: Prisma.MembershipOrderByWithRelationInput[] =
    q.sort === "created_at" ? [{ joinedAt: q.order }, { userId: q.order }] : [{ user: { [q.sort]: q.order } }, { userId: q.order }];
  return withTenantScope(tenantId, async (tx) => {
    await authorizeTenant(actor, tenantId, "members:read", tx);
    const [rows, total] = await Promise.all([
      tx.membership.findMany({ where, orderBy, skip: (q.page - 1) * q.page_size, take: q.page_size, select: MEMBER_SELECT }),
      tx.membership.count({ where }),
    ]);
    const names = new Map<string, string>();
    for (const r of rows) if (!names.has(r.role)) names.set(r.role, await roleName(tx, tenantId, r.role));
    return { members: rows.map((r) => serializeMember(r, names.get(r.role)!)), pagination: pagination(q.page, q.page_size, total) };
  });
}
