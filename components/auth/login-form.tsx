"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { completeSignIn } from "@/components/auth/complete-sign-in";
import { postSignInStep } from "@/components/auth/post-sign-in-step";
import { SecondFactorStep } from "@/components/auth/second-factor-step";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";
import type { SecondFactorKind } from "@/lib/auth/sessions/types";

type PasswordStep = { next: "complete"; ticket: string } | { next: "second_factor"; challenge: string; methods: SecondFactorKind[] };

const EXPIRED = "Your sign-in form expired. Reload the page and try again.";

/**
 * Signing in with a password, on the console and on every portal: the
 * password step (POST /api/sign-in/password) answers with a ticket, which
 * completeSignIn turns into the session, or with a challenge for the second
 * factor, which SecondFactorStep takes from there.
 */
export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [challenge, setChallenge] = useState<{ challenge: string; methods: SecondFactorKind[] } | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const step = await postSignInStep<PasswordStep>("/api/sign-in/password", { email, password });
      if (!step.ok) {
        setError(step.message);
        setPending(false);
        return;
      }
      if (step.data.next === "second_factor") {
        setChallenge({ challenge: step.data.challenge, methods: step.data.methods });
        setPending(false);
        return;
      }
      const outcome = await completeSignIn(step.data.ticket, callbackUrl);
      if (outcome === "ok") {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(outcome === "csrf" ? EXPIRED : "Your sign-in could not be completed. Try again.");
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  };

  if (challenge) return <SecondFactorStep challenge={challenge.challenge} methods={challenge.methods} callbackUrl={callbackUrl} />;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? <Alert tone="danger">{error}</Alert> : null}
      <Field id="email" label="Email">
        {(a) => <Input {...a} type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@company.com" />}
      </Field>
      <Field id="password" label="Password">
        {(a) => <Input {...a} type="password" name="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />}
      </Field>
      <Button type="submit" className="w-full" loading={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
