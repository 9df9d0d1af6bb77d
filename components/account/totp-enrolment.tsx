"use client";

import { useState, type FormEvent } from "react";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, Input } from "@/components/ui/input";
import { confirmTotpEnrolmentAction } from "@/lib/actions/second-factor-actions";
import type { TotpEnrolment as Enrolment } from "@/lib/auth/second-factor/start-totp-enrolment";

/**
 * Setting up an authenticator app: scan the QR code (or type the secret),
 * then prove it with the first code; the recovery codes follow, once.
 * `doneHref` is where "Continue" goes (a full page load, so a session that
 * was waiting for this enrolment is read again everywhere).
 */
export function TotpEnrolment({ enrolment, doneHref, accountLabel }: { enrolment: Enrolment; doneHref: string; accountLabel: string }) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const secret = enrolment.secretGroups.join(" ");

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) {
      setError("Enter the 6-digit code your app shows.");
      return;
    }
    setPending(true);
    setError(null);
    const r = await confirmTotpEnrolmentAction({ code });
    setPending(false);
    if (!r.ok) {
      setError(r.message);
      setCode("");
      return;
    }
    setCodes(r.data.recoveryCodes);
  };

  if (codes) {
    return (
      <section aria-labelledby="codes-title" className="space-y-4">
        <Alert tone="success" title="Two-factor authentication is on">
          From now on, signing in asks for a code from your app after your password.
        </Alert>
        <div>
          <h2 id="codes-title" className="text-sm font-semibold text-slate-900">
            Save your recovery codes
          </h2>
          <p className="mt-1 text-[13px] text-slate-600">If you lose your phone, each of these codes signs you in once. They are shown only now.</p>
        </div>
        <RecoveryCodes codes={codes} fileLabel={accountLabel} />
        <a href={doneHref} className={buttonClasses("primary")}>
          I have saved them — continue
        </a>
      </section>
    );
  }

  return (
    <div className="space-y-6">
      <ol className="space-y-6">
        <li className="space-y-3">
          <h2 className="text-sm font-semibold text-slate-900">1. Scan this QR code with your authenticator app</h2>
          <p className="text-[13px] text-slate-600">Google Authenticator, 1Password, Microsoft Authenticator, Authy and others work.</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data URL made on the server; nothing to optimise */}
          <img
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt="QR code to add this account to an authenticator app"
            data-testid="totp-qr"
            className="size-48 rounded-md border border-slate-200 bg-white p-2"
          />
          <div className="space-y-1.5">
            <p className="text-[13px] text-slate-600">Can&apos;t scan it? Enter this key in the app instead (time-based, 6 digits):</p>
            <div className="flex flex-wrap items-center gap-2">
              <code data-testid="totp-secret" className="rounded bg-slate-100 px-2 py-1 font-mono text-[13px] tracking-wider break-all text-slate-900">
                {secret}
              </code>
              <CopyButton value={enrolment.secretGroups.join("")} label="Copy key" />
            </div>
          </div>
        </li>
        <li>
          <form onSubmit={onSubmit} className="space-y-3" noValidate>
            <h2 className="text-sm font-semibold text-slate-900">2. Enter the code the app shows</h2>
            {error ? <Alert tone="danger">{error}</Alert> : null}
            <Field id="totp-code" label="Code from the app" className="max-w-60">
              {(a) => (
                <Input
                  {...a}
                  name="code"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  pattern="[0-9 ]*"
                  maxLength={8}
                  className="font-mono tracking-widest"
                  placeholder="123456"
                  value={code}
                  onChange={(e) => setCode(e.target.value)}
                />
              )}
            </Field>
            <div className="flex flex-wrap items-center gap-3">
              <Button type="submit" loading={pending}>
                {pending ? "Checking…" : "Turn on"}
              </Button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

