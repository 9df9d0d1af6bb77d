import { z } from "zod";
import { PLATFORM_ROLES } from "@/lib/auth/permissions";

// The platform console's Users page: every account, whatever its tenants.

const intParam = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const USER_SORTS = ["created_at", "email", "name", "last_login_at"] as const;
export const USER_STATUSES = ["active", "suspended"] as const;
// "none": accounts without a platform role, i.e. tenant members only.
export const PLATFORM_ROLE_FILTERS = [...PLATFORM_ROLES, "none"] as const;

export const listUsersQuerySchema = z.strictObject({
  page: intParam(1, 1, 1_000_000),
  page_size: intParam(50, 1, 100),
  sort: z.enum(USER_SORTS).default("created_at"),
  order: z.enum(["asc", "desc"]).default("desc"),
  search: z.string().trim().max(200).optional(),
  platform_role: z.enum(PLATFORM_ROLE_FILTERS).optional(),
  status: z.enum(USER_STATUSES).optional(),
});
export type ListUsersQuery = z.output<typeof listUsersQuerySchema>;

export const userIdSchema = z.string().trim().min(1, "User id is required").max(64);

/** A platform role, or null to take it away. */
export const platformRoleChoiceSchema = z.enum(PLATFORM_ROLES).nullable();

export const userStatusSchema = z.enum(USER_STATUSES);

/** GET /api/v1/users/export: the Users list's filters and order, without paging. */
export const exportUsersQuerySchema = listUsersQuerySchema.omit({ page: true, page_size: true });
