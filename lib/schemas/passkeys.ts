import { z } from "zod";

// The bodies of the passkey routes (app/api/account/passkeys, app/api/sign-in/passkey).
// The authenticator's answers are @simplewebauthn/browser's JSON: checked here
// for shape and size (base64url strings within bounds), and by
// @simplewebauthn/server for everything they mean.

const b64url = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9_-]*$/, "Must be base64url");
const state = z.string().min(16).max(200);
const extensionResults = z.record(z.string(), z.unknown()).default({});

export const registrationResponseSchema = z.looseObject({
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  type: z.literal("public-key"),
  response: z.looseObject({
    clientDataJSON: b64url(8_000).min(1),
    attestationObject: b64url(64_000).min(1),
    transports: z.array(z.string().max(40)).max(10).optional(),
  }),
  clientExtensionResults: extensionResults,
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

export const authenticationResponseSchema = z.looseObject({
  id: b64url(1400).min(1),
  rawId: b64url(1400).min(1),
  type: z.literal("public-key"),
  response: z.looseObject({
    clientDataJSON: b64url(8_000).min(1),
    authenticatorData: b64url(8_000).min(1),
    signature: b64url(2_000).min(1),
    userHandle: b64url(200).optional(),
  }),
  clientExtensionResults: extensionResults,
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

export const passkeyNameSchema = z.string().trim().min(1, "Give the passkey a name").max(60, "At most 60 characters");

export const registerPasskeyBody = z.strictObject({ state, name: passkeyNameSchema, response: registrationResponseSchema });

/** A second factor names the password step's challenge; a passwordless sign-in sends none. */
export const passkeySignInOptionsBody = z.strictObject({ challenge: z.string().min(16).max(200).optional() });
export const passkeySignInVerifyBody = z.strictObject({ state, challenge: z.string().min(16).max(200).optional(), response: authenticationResponseSchema });

/** What the account pages show of a passkey (never its key). */
export type PasskeySummary = { id: string; name: string; rp_id: string; created_at: string; last_used_at: string | null; backed_up: boolean; device_type: string };
