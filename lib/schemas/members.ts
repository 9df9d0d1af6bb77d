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

// POST /tenants/{id}/users: seed 000's body, kept to what the service supports.
export const addMemberSchema = z.strictObject({
  user: z.strictObject({
    email: z.string().trim().pipe(z.email("Enter a valid email address").max(254)).transform((e) => e.toLowerCase()),
    name: z.string().trim().min(1, "Name is required").max(120).optional().describe("Required when no account has this email yet"),
    password: z.string().min(12, "Password must be at least 12 characters").max(256).optional().describe("Only for a new account; without it the account signs in once a password is set"),
    role: roleKey.default("member"),
  }),
});
export type AddMemberInput = z.output<typeof addMemberSchema>;

// POST /tenants/{id}/users/{user_id}: role and/or status, applied in one transaction.
export const updateMemberSchema = z
  .strictObject({ role: roleKey.optional(), status: z.enum(MEMBER_STATUSES).optional() })
  .refine((b) => b.role !== undefined || b.status !== undefined, { message: "Send role, status or both" });
export type UpdateMemberInput = z.output<typeof updateMemberSchema>;
