"use client";

import { useState, type FormEvent } from "react";
import { registerPasskey } from "@/components/auth/passkey-ceremony";
import type { PasskeySummary } from "@/lib/schemas/passkeys";

/**
 * The "name a passkey, then let the browser make it" form, shared by the
 * account's passkeys dialog and the 2FA enrolment page: the name is checked
 * here, the server's answer about it lands at the field, anything else above.
 */
export function usePasskeyRegistration(onRegistered: (p: PasskeySummary) => void | "navigating") {
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const reset = () => {
    setName("");
    setNameError(undefined);
    setMessage(null);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setNameError("Give the passkey a name");
      return;
    }
    setPending(true);
    setNameError(undefined);
    setMessage(null);
    try {
      const r = await registerPasskey(name.trim());
      if (r.ok) {
        setName("");
        // A page that moves on keeps the button busy until the next page arrives.
        if (onRegistered(r.data) === "navigating") return;
      } else if (r.field === "name") {
        setNameError(r.message.replace(/^name: /, ""));
      } else {
        setMessage(r.message);
      }
    } catch {
      setMessage("We could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  };

  return { name, setName, nameError, message, pending, onSubmit, reset };
}
