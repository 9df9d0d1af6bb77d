import { authorize } from "@/lib/auth/authorize";
import type { Caller } from "@/lib/auth/caller";
import { withPlatformScope } from "@/lib/db/scope";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseOrThrow } from "@/lib/http/errors";
import { listUsersQuerySchema } from "@/lib/schemas/users";
import { pagination } from "@/lib/tenants/list-tenants";
import { serializeUser, USER_SELECT } from "@/lib/users/serialize-user";

const SORT_FIELD = { created_at: "createdAt", email: "email", name: "name", last_login_at: "lastLoginAt" } as const;

/** Every account on the platform, staff or not. Reading them is part of reading tenants (their members). */
export async function listUsers(caller: Caller, query: unknown) {
  authorize(caller, "tenants:read");
  const q = parseOrThrow(listUsersQuerySchema, query);
  // Prisma's `contains` is LIKE '%…%' and does not escape the term: % and _ must be literal.
  const term = q.search?.replace(/[\\%_]/g, "\\$&");
  const where: Prisma.UserWhereInput = {
    ...(q.status ? { status: q.status } : {}),
    ...(q.platform_role ? { platformRole: q.platform_role === "none" ? null : q.platform_role } : {}),
    ...(term ? { OR: [{ name: { contains: term, mode: "insensitive" } }, { email: { contains: term.toLowerCase() } }] } : {}),
  };
  // Never-signed-in accounts sort after everyone else, whichever the direction.
  const field = SORT_FIELD[q.sort];
  const orderBy: Prisma.UserOrderByWithRelationInput[] = [
    field === "lastLoginAt" ? { lastLoginAt: { sort: q.order, nulls: "last" } } : { [field]: q.order },
    { id: q.order },
  ];
  return withPlatformScope(async (tx) => {
    const [rows, total] = await Promise.all([
      tx.user.findMany({
        where,
        orderBy,
        skip: (q.page - 1) * q.page_size,
        take: q.page_size,
        select: { ...USER_SELECT, _count: { select: { memberships: true } } },
      }),
      tx.user.count({ where }),
    ]);
    return {
      users: rows.map(({ _count, ...u }) => ({ ...serializeUser(u), memberships_count: _count.memberships })),
      pagination: pagination(q.page, q.page_size, total),
    };
  });
}
