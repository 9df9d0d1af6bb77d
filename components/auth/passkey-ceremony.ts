"use client";

import { startAuthentication, startRegistration, WebAuthnError, type PublicKeyCredentialCreationOptionsJSON, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { postSignInStep } from "@/components/auth/post-sign-in-step";
import type { ActionResult } from "@/lib/actions/action-result";
import type { PasskeySummary } from "@/lib/schemas/passkeys";

export type PasskeyOutcome<T> = { ok: true; data: T } | { ok: false; message: string; cancelled?: boolean };

/** What to tell a person whose browser or authenticator refused, in words they can act on. */
export function passkeyErrorMessage(err: unknown): { message: string; cancelled: boolean } {
  const name = err instanceof Error ? err.name : "";
  const code = err instanceof WebAuthnError ? err.code : null;
  if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" || name === "InvalidStateError") return { message: "This device already has a passkey for your account on this site.", cancelled: false };
  if (name === "NotAllowedError" || code === "ERROR_CEREMONY_ABORTED" || name === "AbortError") return { message: "The passkey request was cancelled or timed out.", cancelled: true };
  if (code === "ERROR_AUTHENTICATOR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT" || code === "ERROR_AUTHENTICATOR_MISSING_USER_VERIFICATION_SUPPORT") {
    return { message: "This authenticator cannot store a passkey (it needs to keep the key and check a PIN or biometric). Try another device.", cancelled: false };
  }
  if (name === "SecurityError" || code === "ERROR_INVALID_DOMAIN" || code === "ERROR_INVALID_RP_ID") return { message: "Passkeys are not available on this address. Use the site's usual address over HTTPS.", cancelled: false };
  return { message: "Your browser could not use a passkey. Try again, or use another way.", cancelled: false };
}

async function withBrowser<T>(run: () => Promise<T>): Promise<PasskeyOutcome<T>> {
  try {
    return { ok: true, data: await run() };
  } catch (err) {
    return { ok: false, ...passkeyErrorMessage(err) };
  }
}

/**
 * Signs in with a passkey on this host: `challenge` (from the password step)
 * makes it the second factor; without one it is a passwordless sign-in.
 * Answers the sign-in ticket for completeSignIn.
 */
export async function passkeySignInTicket(challenge?: string): Promise<PasskeyOutcome<string>> {
  const body = challenge ? { challenge } : {};
  const start = await postSignInStep<{ state: string; options: PublicKeyCredentialRequestOptionsJSON }>("/api/sign-in/passkey/options", body);
  if (!start.ok) return { ok: false, message: start.message };
  const answer = await withBrowser(() => startAuthentication({ optionsJSON: start.data.options }));
  if (!answer.ok) return answer;
  const verified = await postSignInStep<{ ticket: string }>("/api/sign-in/passkey/verify", { ...body, state: start.data.state, response: answer.data });
  return verified.ok ? { ok: true, data: verified.data.ticket } : { ok: false, message: verified.message };
}

/** Makes a passkey for the signed-in account on this host and stores it under `name`. */
export async function registerPasskey(name: string): Promise<PasskeyOutcome<PasskeySummary> & { field?: string }> {
  const start = await postSignInStep<{ state: string; options: PublicKeyCredentialCreationOptionsJSON }>("/api/account/passkeys/options", {});
  if (!start.ok) return { ok: false, message: start.message };
  const answer = await withBrowser(() => startRegistration({ optionsJSON: start.data.options }));
  if (!answer.ok) return answer;
  const saved = await postSignInStep<{ passkey: PasskeySummary }>("/api/account/passkeys", { state: start.data.state, name, response: answer.data });
  if (saved.ok) return { ok: true, data: saved.data.passkey };
  const field = Array.isArray(saved.details) ? (saved.details as { path?: string }[])[0]?.path : undefined;
  return { ok: false, message: saved.message, field };
}

/** Removes one of the account's passkeys on this host; answers like a server action (reauthentication_required included). */
export async function deletePasskey(id: string): Promise<ActionResult<null>> {
  try {
    const res = await fetch(`/api/account/passkeys/${encodeURIComponent(id)}`, { method: "DELETE", credentials: "same-origin", headers: { Accept: "application/json" } });
    if (res.ok) return { ok: true, data: null };
    const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    return { ok: false, code: body?.error?.code ?? "http_error", message: body?.error?.message ?? `Could not remove the passkey (${res.status}).`, fieldErrors: {} };
  } catch {
    return { ok: false, code: "network_error", message: "We could not reach the server. Check your connection and try again.", fieldErrors: {} };
  }
}
