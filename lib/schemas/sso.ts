import { z } from "zod";

// A tenant's OpenID Connect connection (lib/sso/): the PUT body, the view the
// API and the forms show (the client secret is write-only), and the test result.

/** A claim name in the ID token or userinfo: `email`, `name`, `groups`, `https://example.com/roles`. */
const claimName = z.string().trim().min(1, "Name the claim").max(200).regex(/^[^\s]+$/, "A claim name has no spaces");
const roleKey = z.string().trim().min(1, "Role is required").max(64);

/**
 * The issuer exactly as the provider states it in its discovery document
 * (`issuer`): an absolute URL without query or fragment. https unless
 * SSO_ALLOW_INSECURE_ISSUERS, checked by the service (it reads the env).
 */
export const issuerSchema = z
  .string()
  .trim()
  .max(500)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Must be an absolute URL such as https://login.example.com" });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") ctx.addIssue({ code: "custom", message: "Must be an https URL" });
    if (url.username || url.password) ctx.addIssue({ code: "custom", message: "Must not contain a user name or password" });
    if (url.search || url.hash) ctx.addIssue({ code: "custom", message: "Must not contain a ?query or #fragment" });
  });

export const saveSsoConnectionSchema = z.strictObject({
  display_name: z.string().trim().min(1, "Name the identity provider, e.g. Okta").max(60, "At most 60 characters"),
  issuer: issuerSchema,
  client_id: z.string().trim().min(1, "Client ID is required").max(500),
  /** Write-only. Required the first time; left out (or empty) keeps the stored one. */
  client_secret: z.string().max(2000).optional(),
  scopes: z
    .array(z.string().trim().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, "A scope is one word"))
    .max(20)
    .optional()
    .default(["openid", "email", "profile"])
    .transform((s) => [...new Set(["openid", ...s])]),
  email_claim: claimName.optional().default("email"),
  name_claim: claimName.optional().default("name"),
  groups_claim: claimName.nullable().optional().default(null),
  group_role_map: z
    .record(z.string().trim().min(1).max(200), roleKey)
    .optional()
    .default({})
    .refine((m) => Object.keys(m).length <= 100, "At most 100 group mappings"),
  default_role: roleKey.optional().default("member"),
  jit_enabled: z.boolean().optional().default(true),
  enabled: z.boolean().optional().default(false),
});
export type SaveSsoConnectionInput = z.output<typeof saveSsoConnectionSchema>;

export const ssoConnectionSchema = z.object({
  display_name: z.string(),
  issuer: z.string(),
  client_id: z.string(),
  client_secret: z.literal("•••• set").describe("Never the secret itself"),
  scopes: z.array(z.string()),
  email_claim: z.string(),
  name_claim: z.string(),
  groups_claim: z.string().nullable(),
  group_role_map: z.record(z.string(), z.string()),
  default_role: z.string(),
  jit_enabled: z.boolean(),
  enabled: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type SsoConnectionView = z.output<typeof ssoConnectionSchema>;

export const ssoConnectionResponseSchema = z.object({
  connection: ssoConnectionSchema.nullable(),
  /** Register this at the identity provider as the client's redirect URI. */
  redirect_uri: z.string(),
});

export const deleteSsoConnectionResponseSchema = z.object({ deleted: z.boolean() });

export const testSsoConnectionSchema = z.strictObject({
  /** Test this issuer instead of the stored one (the form tests before saving). */
  issuer: issuerSchema.optional(),
});

export const testSsoConnectionResponseSchema = z.object({
  ok: z.boolean(),
  issuer: z.string(),
  /** What went wrong, in words an admin can act on; null when ok. */
  error: z.string().nullable(),
  authorization_endpoint: z.string().nullable(),
  token_endpoint: z.string().nullable(),
  supports_pkce_s256: z.boolean().nullable(),
});
export type SsoTestResult = z.output<typeof testSsoConnectionResponseSchema>;
