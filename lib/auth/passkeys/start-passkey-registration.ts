import { generateRegistrationOptions, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { CEREMONY_TIMEOUT_MS, saveCeremony } from "@/lib/auth/passkeys/ceremony-state";
import type { PasskeyAccount } from "@/lib/auth/passkeys/passkey-account";
import { knownTransports, passkeysFor } from "@/lib/auth/passkeys/passkey-rows";
import { appPool } from "@/lib/db/pools";
import { AppError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";

/** Passkeys one account may keep on one host. */
export const MAX_PASSKEYS_PER_HOST = 20;

/**
 * Options for navigator.credentials.create() on this host. Every passkey is
 * made discoverable (residentKey "required"), so any of them can also sign in
 * without a password; user verification is "preferred" here and demanded at
 * a passwordless sign-in, where the passkey stands for both factors.
 */
export async function startPasskeyRegistration(account: PasskeyAccount): Promise<{ state: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  await enforceRateLimit(`passkey-register:${account.userId}`, 30, 15 * 60, "passkey registrations");
  const existing = await passkeysFor(account.userId, account.rp.rpId);
  if (existing.length >= MAX_PASSKEYS_PER_HOST) {
    throw new AppError("invalid_state", `You already have ${MAX_PASSKEYS_PER_HOST} passkeys on this site; remove one before adding another`);
  }
  const { rows } = await appPool().query<{ name: string }>("SELECT name FROM users WHERE id = $1", [account.userId]);
  const options = await generateRegistrationOptions({
    rpName: account.rp.rpName,
    rpID: account.rp.rpId,
    userName: account.email,
    userDisplayName: rows[0]?.name ?? account.email,
    // The user handle is the account id, so a discoverable passkey names its account (checked at sign-in).
    userID: new TextEncoder().encode(account.userId),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({ id: p.credential_id, transports: knownTransports(p.transports) })),
    authenticatorSelection: { residentKey: "required", userVerification: "preferred" },
    supportedAlgorithmIDs: [-7, -8, -257],
  });
  const state = await saveCeremony("passkey_registration", account.rp, { challenge: options.challenge, userId: account.userId });
  return { state, options };
}
