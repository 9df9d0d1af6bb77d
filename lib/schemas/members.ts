import { z } from "zod";
import { settingsFields } from "@/lib/schemas/tenant";

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

const text = (max: number) => z.string().trim().min(1, "Leave it out rather than empty").max(max, `At most ${max} characters`);

// Seed 000's `user.profile`: a few named strings about the person's place in
// this tenant (its examples: department, location, phone), not a free-form bag.
export const memberProfileSchema = z.strictObject({
  first_name: text(100).optional(),
  last_name: text(100).optional(),
  title: text(120).optional(),
  department: text(120).optional(),
  location: text(120).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{2,30}$/, "Use digits, spaces and + ( ) - . only, such as +1-555-0123")
    .optional(),
});
export type MemberProfile = z.output<typeof memberProfileSchema>;

// Seed 000's `user.preferences`: IANA time zone, BCP 47 locale, notification channels.
export const memberPreferencesSchema = z.strictObject({
  timezone: settingsFields.timezone.optional(),
  locale: z.string().trim().max(35, "At most 35 characters").pipe(settingsFields.locale).optional(),
  notifications: z.strictObject({ email: z.boolean().optional(), in_app: z.boolean().optional() }).optional(),
});
export type MemberPreferences = z.output<typeof memberPreferencesSchema>;

// Seed 000's examples name the plain member role "user".
const SEED_ROLE_NAMES: Record<string, string> = { user: "member" };

// POST /tenants/{id}/users: seed 000's body.
export const addMemberSchema = z.strictObject({
  user: z.strictObject({
    email: z.string().trim().pipe(z.email("Enter a valid email address").max(254)).transform((e) => e.toLowerCase()),
    name: z.string().trim().min(1, "Name is required").max(120).optional().describe("Required when no account has this email yet"),
    password: z.string().min(12, "Password must be at least 12 characters").max(256).optional().describe("Only for a new account; without it the account signs in once a password is set"),
    role: roleKey
      .transform((r) => SEED_ROLE_NAMES[r] ?? r)
      .default("member")
      .describe('A built-in role key (owner, admin, manager, member, viewer; seed 000\'s "user" means member) or a custom role id'),
    profile: memberProfileSchema.default({}).describe("Kept on the membership; returned by the users list"),
    preferences: memberPreferencesSchema.default({}),
  }),
});
export type AddMemberInput = z.output<typeof addMemberSchema>;

// POST /tenants/{id}/users/{user_id}: role and/or status, applied in one transaction.
export const updateMemberSchema = z
  .strictObject({ role: roleKey.optional(), status: z.enum(MEMBER_STATUSES).optional() })
  .refine((b) => b.role !== undefined || b.status !== undefined, { message: "Send role, status or both" });
export type UpdateMemberInput = z.output<typeof updateMemberSchema>;
