import { z } from "zod";

const email = z.email("Enter a valid email address").max(254).transform((e) => e.toLowerCase());

export const inviteMembersSchema = z.strictObject({
  emails: z.array(z.string().trim().pipe(email)).min(1, "Enter at least one email").max(50, "Invite at most 50 people at a time"),
  role: z.string().trim().min(1, "Role is required").max(64),
  expires_in_days: z.number().int().min(1).max(30).default(7),
});
export type InviteMembersInput = z.output<typeof inviteMembersSchema>;

export const resendInvitationSchema = z.strictObject({ expires_in_days: z.number().int().min(1).max(30).default(7) });

export const invitationIdSchema = z.string().trim().min(1).max(64);

// Either the signed-in user accepts, or a new account is created with a name and password.
export const acceptInvitationSchema = z.union([
  z.strictObject({ token: z.string().min(16).max(256), signedInUserId: z.string().min(1).max(64) }),
  z.strictObject({
    token: z.string().min(16).max(256),
    name: z.string().trim().min(1, "Name is required").max(120),
    password: z.string().min(12, "Password must be at least 12 characters").max(256),
  }),
]);
export type AcceptInvitationInput = z.output<typeof acceptInvitationSchema>;
