"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resendVerificationAction } from "@/lib/actions/email-verification-actions";

/** Shown on every page (console and portal) to an account whose address is not verified yet. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [pending, setPending] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const resend = async () => {
    setPending(true);
    const r = await resendVerificationAction();
    setPending(false);
    setNote(r.ok ? { ok: true, text: `A new link is on its way to ${r.data.email}.` } : { ok: false, text: r.message });
  };
  return (
    <Alert
      tone="warning"
      role="status"
      title="Verify your email"
      className="mb-6"
      actions={
        <Button variant="secondary" size="sm" onClick={resend} loading={pending}>
          Resend link
        </Button>
      }
    >
      <p>
        Open the link we mailed to <span className="font-medium [overflow-wrap:anywhere]">{email}</span> to confirm the address is yours. Until then, this account cannot create API keys.
      </p>
      {note ? (
        <p role={note.ok ? "status" : "alert"} className={note.ok ? "mt-1" : "mt-1 text-red-700"}>
          {note.text}
        </p>
      ) : null}
    </Alert>
  );
}
