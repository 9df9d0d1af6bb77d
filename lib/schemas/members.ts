import { z } from "zod";

// One schema per contract, shared by route handlers, server actions and forms.

const intParam = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const roleKey = z.string().trim().min(1, "Role is required").max(64);

export const MEMBER_SORTS = ["created_at", "name", "email"] as const;
export const MEMBER_STATUSES = ["active", "suspended"] as const;

export const listMembersQuerySchema = z.strictObject({
  page: intParam(1, 1, 1_000_000),
  page_size: intParam(50, 1, 100),
  sort: z.enum(MEMBER_SORTS).default("created_at"),
  order: z.enum(["asc", "desc"]).default("desc"),
  search: z.string().trim().max(200).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  role: roleKey.optional(),
});
export type ListMembersQuery = z.output<typeof listMembersQuerySchema>;

export const changeMemberRoleSchema = z.strictObject({ role: roleKey });
export type ChangeMemberRoleInput = z.output<typeof changeMemberRoleSchema>;

export const memberIdSchema = z.string().trim().min(1).max(64);
