/**
 * The second factors an account can use. Mirrors lib/auth/sessions/types.ts
 * (part A) so this folder compiles on its own; the two are the same union.
 */
export type SecondFactorKind = "totp" | "recovery_code" | "passkey";
