import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { CEREMONY_TIMEOUT_MS, saveCeremony } from "@/lib/auth/passkeys/ceremony-state";
import { knownTransports, passkeysFor } from "@/lib/auth/passkeys/passkey-rows";
import type { RelyingParty } from "@/lib/auth/passkeys/relying-party";
import { secondFactorChallengeAccount } from "@/lib/auth/passkeys/second-factor-challenge";
import { AppError } from "@/lib/http/errors";
import { enforceRateLimit } from "@/lib/http/rate-limit";

/** Ceremonies one address may start in 15 minutes (each is a stored challenge). */
const STARTS_PER_IP = 60;

/**
 * Options for navigator.credentials.get() on this host. As a second factor
 * (`challenge` from the password step) only the account's passkeys for THIS
 * relying party are allowed; passwordless, the browser offers the host's
 * discoverable passkeys and the answer says whose it is. Passwordless demands
 * user verification: the passkey then stands for both factors.
 */
export async function startPasskeySignIn(rp: RelyingParty, input: { challenge?: string }, ip: string | null): Promise<{ state: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  await enforceRateLimit(`passkey-start-ip:${ip ?? "unknown"}`, STARTS_PER_IP, 15 * 60, "passkey sign-in attempts");
  if (input.challenge === undefined) {
    const options = await generateAuthenticationOptions({ rpID: rp.rpId, userVerification: "required", timeout: CEREMONY_TIMEOUT_MS });
    const state = await saveCeremony("passkey_sign_in", rp, { challenge: options.challenge, userId: null, mode: "passwordless" });
    return { state, options };
  }
  const userId = await secondFactorChallengeAccount(input.challenge, rp.host);
  if (!userId) throw new AppError("invalid_request", "challenge: This sign-in has expired; enter your password again", [{ path: "challenge", message: "Expired or already used" }]);
  const passkeys = await passkeysFor(userId, rp.rpId);
  if (passkeys.length === 0) throw new AppError("invalid_request", "challenge: This account has no passkey for this site; use another second factor", [{ path: "challenge", message: "No passkey for this site" }]);
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    userVerification: "preferred",
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials: passkeys.map((p) => ({ id: p.credential_id, transports: knownTransports(p.transports) })),
  });
  const state = await saveCeremony("passkey_sign_in", rp, { challenge: options.challenge, userId, mode: "second_factor" });
  return { state, options };
}
