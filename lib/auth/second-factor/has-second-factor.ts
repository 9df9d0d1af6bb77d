import { secondFactorMethods } from "@/lib/auth/second-factor/second-factor-methods";

/** Whether the account has enrolled any second factor (so a "2FA required" rule is met). */
export async function hasSecondFactor(userId: string): Promise<boolean> {
  return (await secondFactorMethods(userId)).length > 0;
}
