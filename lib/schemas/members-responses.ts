import { z } from "zod";
import { MEMBER_STATUSES, memberPreferencesSchema, memberProfileSchema } from "@/lib/schemas/members";
import { paginationSchema } from "@/lib/schemas/tenant-responses";

// Response shapes of the tenant members, roles and invitations API, for the
// OpenAPI document. They describe what lib/members, lib/roles and lib/invitations return.

const iso = z.iso.datetime();

export const tenantUserSchema = z.object({
  id: z.string().describe("user_<16 hex>; the same as user_id"),
  user_id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string().describe("A built-in role key (owner, admin, manager, member, viewer) or a custom role id (role_…)"),
  role_name: z.string(),
  status: z.enum(MEMBER_STATUSES),
  joined_at: iso,
  created_at: iso.describe("When the user joined this tenant (joined_at)"),
  last_active_at: iso.nullable(),
  last_login_at: iso.nullable().describe("Last activity in this tenant (last_active_at)"),
  profile: memberProfileSchema.describe("As given when the user was added ({} if nothing)"),
  preferences: memberPreferencesSchema,
});

export const tenantUserListResponseSchema = z.object({ users: z.array(tenantUserSchema), pagination: paginationSchema });
export const tenantUserResponseSchema = z.object({ user: tenantUserSchema });
export const addTenantUserResponseSchema = z.object({
  user: tenantUserSchema.extend({ tenant_id: z.string() }),
  account_created: z.boolean().describe("false when an existing account was added"),
});
export const removeTenantUserResponseSchema = z.object({ removed: z.literal(true), user_id: z.string() });

export const invitationSchema = z.object({
  id: z.string().describe("inv_<16 hex>"),
  email: z.string(),
  role: z.string(),
  status: z.enum(["pending", "accepted", "revoked", "expired"]),
  invited_by_id: z.string().nullable(),
  expires_at: iso,
  created_at: iso,
  resend_available_at: iso.nullable().describe("While a resend would be refused (one per invitee per RATE_LIMIT_INVITATION_RESEND_MINUTES): when it will be allowed; null when it is allowed now"),
});
export const invitationListResponseSchema = z.object({ invitations: z.array(invitationSchema) });
export const inviteResponseSchema = z.object({
  results: z.array(
    z.union([
      z.object({ email: z.string(), status: z.literal("invited"), invitation: invitationSchema }),
      z.object({ email: z.string(), status: z.enum(["already_member", "already_invited"]), message: z.string() }),
    ]),
  ),
});

export const roleSchema = z.object({
  id: z.string().describe("A built-in key or role_<16 hex>"),
  name: z.string(),
  description: z.string(),
  permissions: z.array(z.string()),
  built_in: z.boolean(),
  member_count: z.number().int(),
  created_at: iso.nullable(),
  updated_at: iso.nullable(),
});
export const roleListResponseSchema = z.object({ roles: z.array(roleSchema) });
export const roleResponseSchema = z.object({ role: roleSchema });
export const userRolesResponseSchema = z.object({ user_id: z.string(), roles: z.array(roleSchema).describe("Exactly one: a member holds one role") });
