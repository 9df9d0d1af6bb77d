import type { AuthenticatorTransportFuture, WebAuthnCredential } from "@simplewebauthn/server";
import { appPool } from "@/lib/db/pools";

/** A stored passkey as the ceremonies need it. */
export type PasskeyRow = {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: Buffer;
  counter: string;
  transports: string[];
  rp_id: string;
  name: string;
};

export type { PasskeySummary } from "@/lib/schemas/passkeys";

const TRANSPORTS = new Set<AuthenticatorTransportFuture>(["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"]);
export const knownTransports = (list: readonly string[] | undefined): AuthenticatorTransportFuture[] =>
  (list ?? []).filter((t): t is AuthenticatorTransportFuture => TRANSPORTS.has(t as AuthenticatorTransportFuture));

export function credentialOf(row: PasskeyRow): WebAuthnCredential {
  return { id: row.credential_id, publicKey: new Uint8Array(row.public_key), counter: Number(row.counter), transports: knownTransports(row.transports) };
}

/** The account's passkeys for one relying party: only these are offered or accepted there. */
export async function passkeysFor(userId: string, rpId: string): Promise<PasskeyRow[]> {
  const { rows } = await appPool().query<PasskeyRow>("SELECT * FROM user_passkeys WHERE user_id = $1 AND rp_id = $2 ORDER BY created_at", [userId, rpId]);
  return rows;
}

/** The passkey a credential id names on this relying party (a credential of another host is no passkey here). */
export async function passkeyByCredential(credentialId: string, rpId: string): Promise<PasskeyRow | null> {
  const { rows } = await appPool().query<PasskeyRow>("SELECT * FROM user_passkeys WHERE credential_id = $1 AND rp_id = $2", [credentialId, rpId]);
  return rows[0] ?? null;
}

/** Whether the account has a passkey it can use on this relying party (second-factor methods are offered per host). */
export async function hasPasskeyFor(userId: string, rpId: string): Promise<boolean> {
  const { rows } = await appPool().query("SELECT 1 FROM user_passkeys WHERE user_id = $1 AND rp_id = $2 LIMIT 1", [userId, rpId]);
  return rows.length > 0;
}
