import { randomBytes } from "node:crypto";

export type RoleView = { id: string; name: string; description: string; permissions: string[]; built_in: boolean; member_count: number; created_at: string | null; updated_at: string | null };

export const serializeCustomRole = (r: { id: string; name: string; description: string; permissions: string[]; createdAt: Date; updatedAt: Date }, memberCount: number): RoleView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  permissions: r.permissions,
  built_in: false,
  member_count: memberCount,
  created_at: r.createdAt.toISOString(),
  updated_at: r.updatedAt.toISOString(),
});

// Custom role ids never collide with the built-in keys, which have no prefix.
export const newRoleId = () => `role_${randomBytes(8).toString("hex")}`;
