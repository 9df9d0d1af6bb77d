"use client";

import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useState } from "react";
import { passkeySignInTicket } from "@/components/auth/passkey-ceremony";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

function PasskeyIcon() {
  return (
    <svg viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6" aria-hidden="true">
      <circle cx="7.5" cy="6" r="3" />
      <path d="M2.5 16.5c0-2.8 2.2-5 5-5 1.1 0 2.1.3 2.9.9" strokeLinecap="round" />
      <circle cx="14.5" cy="11.5" r="2" />
      <path d="M14.5 13.5v4l1.2-1-1.2-1.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** Whether this browser can use passkeys; false on the server and until hydration (the server cannot know). */
export function usePasskeysSupported(): boolean {
  const hydrated = useHydrated();
  return hydrated && browserSupportsWebAuthn();
}

/**
 * A passkey sign-in: passwordless on the login form, or the second factor
 * after a password (`challenge`). The ticket it earns goes to `onTicket`,
 * which completes the sign-in. Shown only where the browser can do WebAuthn.
 */
export function PasskeySignInButton({
  label,
  challenge,
  onTicket,
  variant = "secondary",
}: {
  label: string;
  challenge?: string;
  /** Completes the sign-in; resolving `false` means it did not (and said why), so the button is usable again. */
  onTicket: (ticket: string) => Promise<boolean | void>;
  variant?: "primary" | "secondary";
}) {
  const supported = usePasskeysSupported();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!supported) return null;

  const onClick = async () => {
    setPending(true);
    setError(null);
    try {
      const outcome = await passkeySignInTicket(challenge);
      if (outcome.ok) {
        // While the signed-in page loads the button stays busy.
        if ((await onTicket(outcome.data)) === false) setPending(false);
        return;
      }
      setError(outcome.message);
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  };

  return (
    <div className="space-y-3">
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <Button variant={variant} className="w-full" loading={pending} onClick={onClick}>
        {pending ? null : <PasskeyIcon />}
        {pending ? "Waiting for your passkey…" : label}
      </Button>
    </div>
  );
}
