import { generateSecret, generateURI, verify } from "otplib";

/** RFC 6238 with the settings every authenticator app assumes: SHA-1, 6 digits, 30 s. */
export const TOTP_PERIOD_SECONDS = 30;
/** One step either side: clocks drift, and people type slowly. ±2 is refused. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, accountLabel: string, issuer: string): string {
  return generateURI({ issuer, label: accountLabel, secret, period: TOTP_PERIOD_SECONDS });
}

/**
 * The time step a code belongs to, or null when it matches none within ±1 step
 * of `now` or its step is not after `afterStep` (the use-once rule; the caller
 * still records the step with a conditional UPDATE, which is what decides a race).
 */
export async function matchTotpStep(secret: string, code: string, now: Date, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({
    secret,
    token: code,
    epoch,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  }).catch(() => null);
  // RFC 6238's T = floor(epoch / period); delta is how many steps off the match was.
  return result && result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null;
}
