"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { completeSignIn } from "@/components/auth/complete-sign-in";
import { postSignInStep } from "@/components/auth/post-sign-in-step";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import type { SecondFactorKind } from "@/lib/auth/sessions/types";

type Mode = "totp" | "recovery_code";

const COPY: Record<Mode, { label: string; hint: string; toggle: string }> = {
  totp: { label: "Authentication code", hint: "The 6-digit code your authenticator app shows now.", toggle: "Use a recovery code instead" },
  recovery_code: { label: "Recovery code", hint: "One of the codes you saved when you set up two-factor authentication. Each works once.", toggle: "Use your authenticator app instead" },
};

/**
 * The second step of signing in, after the password step answered with a
 * challenge: a code from the authenticator app, or a recovery code, posted to
 * /api/sign-in/second-factor; its ticket completes the sign-in. `passkey` is
 * where part B2's "Use a passkey" button goes (shown when the account has a
 * passkey for this host); it completes the sign-in with `complete(ticket)`.
 */
export function SecondFactorStep({
  challenge,
  methods,
  callbackUrl,
  passkey,
}: {
  challenge: string;
  methods: SecondFactorKind[];
  callbackUrl: string;
  passkey?: (complete: (ticket: string) => Promise<void>) => ReactNode;
}) {
  const router = useRouter();
  const hasCodes = methods.includes("totp");
  const [mode, setMode] = useState<Mode>("totp");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [restart, setRestart] = useState(false);
  const [pending, setPending] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const complete = async (ticket: string) => {
    const outcome = await completeSignIn(ticket, callbackUrl);
    if (outcome === "ok") {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    setError(outcome === "csrf" ? "Your sign-in form expired. Start again." : "Your sign-in could not be completed. Start again.");
    setRestart(true);
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) {
      setError(mode === "totp" ? "Enter the code from your authenticator app." : "Enter one of your recovery codes.");
      input.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const step = await postSignInStep<{ ticket: string }>("/api/sign-in/second-factor", { challenge, code });
      if (step.ok) {
        await complete(step.data.ticket);
      } else {
        setError(step.message);
        setRestart(Boolean((step.details as { restart?: boolean } | undefined)?.restart));
        setCode("");
        input.current?.focus();
      }
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  };

  const switchMode = () => {
    setMode(mode === "totp" ? "recovery_code" : "totp");
    setCode("");
    setError(null);
    // The field is re-rendered for the other kind of code; focus follows it.
    requestAnimationFrame(() => input.current?.focus());
  };

  return (
    <div className="space-y-4">
      <div>
        <h2 className="text-base font-semibold text-slate-900">Two-factor authentication</h2>
        <p className="mt-1 text-[13px] text-slate-600">Your account is protected with a second factor. Confirm it&apos;s you to finish signing in.</p>
      </div>
      {error ? (
        <Alert tone="danger" actions={restart ? <a href={typeof window === "undefined" ? "/login" : window.location.href} className="font-medium underline">Start again</a> : undefined}>
          {error}
        </Alert>
      ) : null}
      {hasCodes && !restart ? (
        <form onSubmit={onSubmit} className="space-y-4" noValidate>
          <Field id="second-factor-code" label={COPY[mode].label} hint={COPY[mode].hint}>
            {(a) => (
              <Input
                {...a}
                key={mode}
                ref={input}
                name="code"
                autoFocus
                autoComplete={mode === "totp" ? "one-time-code" : "off"}
                inputMode={mode === "totp" ? "numeric" : "text"}
                pattern={mode === "totp" ? "[0-9 ]*" : undefined}
                maxLength={mode === "totp" ? 8 : 20}
                spellCheck={false}
                autoCapitalize="characters"
                className="font-mono tracking-widest"
                placeholder={mode === "totp" ? "123456" : "XXXX-XXXX-XXXX"}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" className="w-full" loading={pending}>
            {pending ? "Verifying…" : "Verify"}
          </Button>
          <button type="button" onClick={switchMode} className="block w-full rounded-md text-center text-[13px] font-medium text-indigo-700 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            {COPY[mode].toggle}
          </button>
        </form>
      ) : null}
      {methods.includes("passkey") && passkey && !restart ? (
        <div className="space-y-2">
          {hasCodes ? <p className="text-center text-[12px] text-slate-500">or</p> : null}
          {passkey(complete)}
        </div>
      ) : null}
    </div>
  );
}
