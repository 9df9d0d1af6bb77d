import type { PlatformRole } from "@/lib/auth/permissions";

export const USER_SELECT = { id: true, email: true, name: true, platformRole: true, status: true, lastLoginAt: true, createdAt: true, updatedAt: true } as const;

export type UserRow = { id: string; email: string; name: string; platformRole: string | null; status: string; lastLoginAt: Date | null; createdAt: Date; updatedAt: Date };

/** An account as the console and services answer it; never the password hash. */
export const serializeUser = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  platform_role: u.platformRole as PlatformRole | null,
  status: u.status as "active" | "suspended",
  last_login_at: u.lastLoginAt?.toISOString() ?? null,
  created_at: u.createdAt.toISOString(),
  updated_at: u.updatedAt.toISOString(),
});
export type UserView = ReturnType<typeof serializeUser>;
