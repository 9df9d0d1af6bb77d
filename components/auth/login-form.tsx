"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/input";

const GENERIC_ERROR = "Email or password is incorrect, or there were too many attempts. Try again later.";

type Outcome = "ok" | "rejected" | "csrf";

async function attempt(email: string, password: string, callbackUrl: string): Promise<Outcome> {
  const res = await signIn("credentials", { email, password, redirect: false, callbackUrl });
  if (!res || res.error) return "rejected";
  // next-auth answers a stale CSRF token with a redirect to ?csrf=true and no error: not a sign-in.
  if (!res.ok || (res.url && new URL(res.url, window.location.origin).searchParams.has("csrf"))) return "csrf";
  return "ok";
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError("Enter your email and password.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      let outcome = await attempt(email, password, callbackUrl);
      // The first attempt may race the CSRF cookie being set; the retry has a settled token.
      if (outcome === "csrf") outcome = await attempt(email, password, callbackUrl);
      if (outcome === "ok") {
        router.replace(callbackUrl);
        router.refresh();
        return;
      }
      setError(outcome === "csrf" ? "Your sign-in form expired. Reload the page and try again." : GENERIC_ERROR);
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  };

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
