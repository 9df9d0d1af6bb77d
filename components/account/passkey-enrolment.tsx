"use client";

import { usePasskeyRegistration } from "@/components/account/use-passkey-registration";
import { usePasskeysSupported } from "@/components/auth/passkey-sign-in-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

/**
 * On the enrolment page of a session that owes a second factor: a passkey
 * instead of an authenticator app. Adding it is the enrolment (the server
 * clears the session's wait), so the person goes straight on to `doneHref`.
 */
export function PasskeyEnrolment({ doneHref }: { doneHref: string }) {
  const supported = usePasskeysSupported();
  const { name, setName, nameError, message, pending, onSubmit } = usePasskeyRegistration(() => {
    // A full load: every layout re-reads the session, which is no longer waiting.
    window.location.assign(doneHref);
    return "navigating";
  });
  if (!supported) return null;

  return (
    <section aria-labelledby="passkey-enrolment-title" className="mt-6 rounded-xl border border-slate-200 bg-white p-5 shadow-sm sm:p-6">
      <h2 id="passkey-enrolment-title" className="text-base font-semibold text-slate-900">
        Or use a passkey
      </h2>
      <p className="mt-1 text-[13px] text-slate-600">Your fingerprint, face, screen lock or a security key becomes your second factor, and can sign you in without a password.</p>
      <form onSubmit={onSubmit} noValidate className="mt-4 space-y-4">
        {message ? <Alert tone="danger">{message}</Alert> : null}
        <Field id="enrol-passkey-name" label="Passkey name" error={nameError} hint="So you can tell your passkeys apart, e.g. Work laptop.">
          {(a) => <Input {...a} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} autoComplete="off" />}
        </Field>
        <Button type="submit" variant="secondary" loading={pending}>
          {pending ? "Waiting for your device…" : "Add a passkey"}
        </Button>
      </form>
    </section>
  );
}
