import { consumeOneTimeToken, issueOneTimeToken } from "@/lib/auth/one-time-tokens";
import { AppError } from "@/lib/http/errors";
import type { RelyingParty } from "@/lib/auth/passkeys/relying-party";

/**
 * The server's half of a WebAuthn ceremony: the challenge it sent, kept as a
 * one-time token (lib/auth/one-time-tokens.ts) for this host. The browser gets
 * the token back as `state` and returns it with the authenticator's answer;
 * redeeming it is single use, so an answer can be checked once and a captured
 * answer replayed later finds no challenge to match.
 */
export const CEREMONY_TTL_SECONDS = 5 * 60;
/** What the browser is told to wait for the authenticator (the state outlives it). */
export const CEREMONY_TIMEOUT_MS = 3 * 60 * 1000;

type Purpose = "passkey_registration" | "passkey_sign_in";

export type CeremonyState = {
  challenge: string;
  /** The account the ceremony is for; null for a passwordless sign-in (the passkey says who). */
  userId: string | null;
  /** For sign-ins: a second factor after a password (bound to that step's challenge) or a passwordless sign-in. */
  mode?: "second_factor" | "passwordless";
};

export function saveCeremony(purpose: Purpose, rp: RelyingParty, state: CeremonyState): Promise<string> {
  return issueOneTimeToken({
    purpose,
    host: rp.host,
    ttlSeconds: CEREMONY_TTL_SECONDS,
    userId: state.userId,
    tenantId: rp.tenantId,
    data: { challenge: state.challenge, ...(state.mode ? { mode: state.mode } : {}) },
  });
}

/** The ceremony `state` names, once; an unknown, used, expired or other host's state is a 400 asking to start again. */
export async function takeCeremony(purpose: Purpose, rp: RelyingParty, state: string): Promise<CeremonyState> {
  const claims = await consumeOneTimeToken(state, purpose, rp.host);
  const challenge = claims?.data.challenge;
  if (!claims || typeof challenge !== "string") {
    throw new AppError("invalid_request", "state: This passkey request has expired or was already used; start again", [{ path: "state", message: "Expired or already used" }]);
  }
  const mode = claims.data.mode === "second_factor" || claims.data.mode === "passwordless" ? claims.data.mode : undefined;
  return { challenge, userId: claims.userId, mode };
}
