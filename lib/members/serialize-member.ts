export type MemberRow = { userId: string; role: string; status: string; joinedAt: Date; lastActiveAt: Date | null; user: { email: string; name: string } };

export const serializeMember = (m: MemberRow, roleName: string) => ({
  user_id: m.userId,
  email: m.user.email,
  name: m.user.name,
  role: m.role,
  role_name: roleName,
  status: m.status,
  joined_at: m.joinedAt.toISOString(),
  last_active_at: m.lastActiveAt?.toISOString() ?? null,
});

export const MEMBER_SELECT = { userId: true, role: true, status: true, joinedAt: true, lastActiveAt: true, user: { select: { email: true, name: true } } } as const;
