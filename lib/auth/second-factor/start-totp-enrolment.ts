import QRCode from "qrcode";
import { appPool } from "@/lib/db/pools";
import { AppError } from "@/lib/http/errors";
import { sealSecret } from "@/lib/webhooks/secret-box";
import type { SecondFactorAccount } from "@/lib/auth/second-factor/account";
import { newTotpSecret, totpUri } from "@/lib/auth/second-factor/totp";

export type TotpEnrolment = {
  /** The base32 secret in groups of four, for typing into an app by hand. */
  secretGroups: string[];
  /** otpauth:// URI (what the QR code holds). */
  uri: string;
  /** The QR code as an SVG document. */
  qrSvg: string;
};

/**
 * Starts (or restarts) setting up an authenticator app: a new secret, sealed,
 * stored unconfirmed until confirmTotpEnrolment sees a first code from it.
 * Refused while a confirmed authenticator exists (turn it off first).
 * `issuer` is what the app shows the entry as (Atrium, or the tenant's name).
 */
export async function startTotpEnrolment(account: SecondFactorAccount, issuer: string): Promise<TotpEnrolment> {
  const secret = newTotpSecret();
  const { rowCount } = await appPool().query(
    `INSERT INTO user_totp_factors (user_id, secret_sealed) VALUES ($1, $2)
     ON CONFLICT (user_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = now() WHERE user_totp_factors.confirmed_at IS NULL`,
    [account.userId, sealSecret(secret)],
  );
  if (rowCount !== 1) throw new AppError("invalid_state", "An authenticator app is already set up; turn it off before setting up another");
  const uri = totpUri(secret, account.email, issuer);
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secretGroups: secret.match(/.{1,4}/g) ?? [secret], uri, qrSvg };
}
