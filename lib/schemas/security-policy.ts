import { z } from "zod";
import { normalizeCustomDomain } from "@/lib/schemas/domains";
import { normaliseCidr } from "@/lib/security-policy/ip-allowlist";
import { IMPERSONATION_MODES, SIGN_IN_METHODS } from "@/lib/security-policy/types";
import { PLANS } from "@/lib/tenants/plans";

export const MAX_ALLOWLIST_ENTRIES = 200;
export const MAX_POLICY_DOMAINS = 100;

/** A domain people type as "example.com" or "@example.com"; stored lower-case ASCII. */
export const emailDomainSchema = z.string().transform((raw, ctx) => {
  const r = normalizeCustomDomain(raw.trim().replace(/^@/, ""));
  if (r.ok) return r.domain;
  ctx.addIssue({ code: "custom", message: r.message });
  return z.NEVER;
});

const cidrSchema = z.string().transform((raw, ctx) => {
  const cidr = normaliseCidr(raw);
  if (cidr) return cidr;
  ctx.addIssue({ code: "custom", message: `${JSON.stringify(raw.slice(0, 60))} is not an IPv4 or IPv6 address or CIDR range (such as 203.0.113.0/24 or 2001:db8::/32)` });
  return z.NEVER;
});

const distinct = <T>(items: T[]) => [...new Set(items)];
const minutes = (min: number, max: number, what: string) =>
  z.number({ error: `${what} must be a whole number or null` }).int(`${what} must be a whole number`).min(min, `${what} is at least ${min}`).max(max, `${what} is at most ${max}`).nullable();

/**
 * The PUT body: every field optional (a partial update keeps the rest), unknown
 * fields refused so a typo is a 400, not a silently ignored setting.
 */
export const securityPolicyUpdateSchema = z
  .object({
    require_2fa: z.boolean(),
    allowed_sign_in_methods: z
      .array(z.enum(SIGN_IN_METHODS, { error: `Each sign-in method is one of ${SIGN_IN_METHODS.join(", ")}` }))
      .min(1, "Allow at least one sign-in method")
      .transform(distinct),
    idle_timeout_minutes: minutes(5, 43_200, "idle_timeout_minutes"),
    absolute_lifetime_hours: minutes(1, 8_760, "absolute_lifetime_hours"),
    max_sessions_per_member: minutes(1, 100, "max_sessions_per_member"),
    reauth_for_sensitive_actions: z.boolean(),
    allowed_invitation_domains: z.array(emailDomainSchema).max(MAX_POLICY_DOMAINS, `At most ${MAX_POLICY_DOMAINS} domains`).transform(distinct),
    ip_allowlist: z.array(cidrSchema).max(MAX_ALLOWLIST_ENTRIES, `At most ${MAX_ALLOWLIST_ENTRIES} entries`).transform(distinct),
    impersonation: z.enum(IMPERSONATION_MODES, { error: `impersonation is one of ${IMPERSONATION_MODES.join(", ")}` }),
    impersonation_preapproved_plans: z.array(z.enum(PLANS, { error: `Each plan is one of ${PLANS.join(", ")}` })).transform(distinct),
  })
  .partial()
  .strict();
export type SecurityPolicyUpdate = z.output<typeof securityPolicyUpdateSchema>;

export const securityPolicySchema = z.object({
  require_2fa: z.boolean(),
  allowed_sign_in_methods: z.array(z.enum(SIGN_IN_METHODS)),
  idle_timeout_minutes: z.number().int().nullable(),
  absolute_lifetime_hours: z.number().int().nullable(),
  max_sessions_per_member: z.number().int().nullable(),
  reauth_for_sensitive_actions: z.boolean(),
  allowed_invitation_domains: z.array(z.string()),
  ip_allowlist: z.array(z.string()),
  impersonation: z.enum(IMPERSONATION_MODES),
  impersonation_preapproved_plans: z.array(z.string()),
});

export const securityPolicyResponseSchema = z.object({
  tenant_id: z.string(),
  policy: securityPolicySchema,
  updated_at: z.string().nullable(),
  /** The caller's address as this server sees it (clientIp), so an allowlist editor can include it. */
  your_ip: z.string().nullable(),
  your_ip_allowed: z.boolean(),
});

export const emailDomainSchemaOut = z.object({
  domain: z.string(),
  status: z.enum(["pending", "verified"]),
  verification: z.object({ type: z.literal("TXT"), host: z.string(), value: z.string() }),
  capture_role: z.string().nullable(),
  verified_at: z.string().nullable(),
  last_checked_at: z.string().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
});
export const emailDomainListSchema = z.object({ email_domains: z.array(emailDomainSchemaOut) });
export const emailDomainResponseSchema = z.object({ email_domain: emailDomainSchemaOut });

const captureRoleSchema = z.string().trim().min(1, "Choose a role").max(64).nullable();
export const addEmailDomainSchema = z.object({ domain: emailDomainSchema, capture_role: captureRoleSchema.optional() }).strict();
export const updateEmailDomainSchema = z.object({ capture_role: captureRoleSchema }).strict();
