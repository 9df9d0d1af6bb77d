import type { MemberPreferences, MemberProfile } from "@/lib/schemas/members";

// profile/preferences are jsonb written only through memberProfileSchema/memberPreferencesSchema (a CHECK keeps them objects).
export type MemberRow = { userId: string; role: string; status: string; joinedAt: Date; lastActiveAt: Date | null; profile: unknown; preferences: unknown; user: { email: string; name: string } };

export const serializeMember = (m: MemberRow, roleName: string) => ({
  user_id: m.userId,
  email: m.user.email,
  name: m.user.name,
  role: m.role,
  role_name: roleName,
  status: m.status,
  joined_at: m.joinedAt.toISOString(),
  last_active_at: m.lastActiveAt?.toISOString() ?? null,
  profile: m.profile as MemberProfile,
  preferences: m.preferences as MemberPreferences,
});

export const MEMBER_SELECT = { userId: true, role: true, status: true, joinedAt: true, lastActiveAt: true, profile: true, preferences: true, user: { select: { email: true, name: true } } } as const;

/** Seed 000's user shape for the platform API: `id`, `created_at` (joined) and `last_login_at` alongside the member fields. */
export const toSeedUser = (m: ReturnType<typeof serializeMember>) => ({ id: m.user_id, ...m, created_at: m.joined_at, last_login_at: m.last_active_at });
