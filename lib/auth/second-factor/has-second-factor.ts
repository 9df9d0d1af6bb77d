import { secondFactorMethods } from "@/lib/auth/second-factor/second-factor-methods";

/**
 * Whether the account has a second factor (so a "2FA required" rule is met):
 * TOTP anywhere, or a passkey for `host` when one is given (a passkey only
 * works on the host that registered it).
 */
export async function hasSecondFactor(userId: string, host?: string): Promise<boolean> {
  return (await secondFactorMethods(userId, host)).length > 0;
}
