import { randomBytes } from "node:crypto";
import { verifyRegistrationResponse, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { takeCeremony } from "@/lib/auth/passkeys/ceremony-state";
import { inAccountScope, type PasskeyAccount } from "@/lib/auth/passkeys/passkey-account";
import { knownTransports, type PasskeySummary } from "@/lib/auth/passkeys/passkey-rows";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { registerPasskeyBody } from "@/lib/schemas/passkeys";
import { raiseSecurityAlert } from "@/lib/security-alerts/raise-security-alert";

const notVerified = (why: string) => new AppError("invalid_request", `response: The passkey could not be verified (${why}); try again`, [{ path: "response", message: why }]);

/**
 * Checks the authenticator's answer against the challenge this host sent and
 * stores the new passkey for this host's relying party, with the audit event
 * and a mail to the account (security.passkey_added) in the same transaction.
 * Made by a session that owed its second factor, it ends that session's wait.
 */
export async function finishPasskeyRegistration(account: PasskeyAccount, body: unknown): Promise<PasskeySummary> {
  const input = parseOrThrow(registerPasskeyBody, body);
  const ceremony = await takeCeremony("passkey_registration", account.rp, input.state);
  if (ceremony.userId !== account.userId) throw notVerified("it was started by another account");
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response: input.response as unknown as RegistrationResponseJSON,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: account.rp.origin,
      expectedRPID: account.rp.rpId,
      requireUserVerification: false,
    });
  } catch (err) {
    throw notVerified((err as Error).message.slice(0, 200));
  }
  if (!verification.verified) throw notVerified("the attestation did not verify");
  const info = verification.registrationInfo;
  const id = `pk_${randomBytes(12).toString("hex")}`;
  return inAccountScope(account, async (tx) => {
    const inserted = await tx.$queryRaw<{ created_at: Date }[]>`
      INSERT INTO user_passkeys (id, user_id, credential_id, public_key, counter, transports, rp_id, name, backed_up, device_type)
      VALUES (${id}, ${account.userId}, ${info.credential.id}, ${Buffer.from(info.credential.publicKey)}, ${info.credential.counter},
              ${knownTransports(info.credential.transports ?? input.response.response.transports)}, ${account.rp.rpId}, ${input.name},
              ${info.credentialBackedUp}, ${info.credentialDeviceType})
      ON CONFLICT (credential_id) DO NOTHING
      RETURNING created_at`;
    if (inserted.length === 0) throw new AppError("invalid_state", "This passkey is already registered");
    // A session that owed its second factor now has one: the passkey just made (as confirming an authenticator app does).
    if (account.pendingSessionId) {
      await tx.$executeRaw`UPDATE auth_sessions SET second_factor_pending = false, second_factor = 'passkey' WHERE id = ${account.pendingSessionId} AND user_id = ${account.userId} AND second_factor_pending`;
    }
    await raiseSecurityAlert(tx, {
      userId: account.userId,
      tenantId: account.rp.tenantId,
      kind: "passkey_added",
      detail: { name: input.name, host: account.rp.rpId, passkey_id: id, ip: account.caller.meta.ip },
      caller: account.caller,
    });
    return { id, name: input.name, rp_id: account.rp.rpId, created_at: inserted[0].created_at.toISOString(), last_used_at: null, backed_up: info.credentialBackedUp, device_type: info.credentialDeviceType };
  });
}
