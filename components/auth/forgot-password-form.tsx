"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { Field, Input } from "@/components/ui/input";
import { postApi } from "@/lib/query/fetch-api";

/** "Forgot password": one answer for every address (the server never says whether an account exists). */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) {
      setFieldError("Enter the email address of your account.");
      return;
    }
    setPending(true);
    setError(null);
    setFieldError(undefined);
    const r = await postApi<{ message: string }>("/api/account/password-reset", { email });
    setPending(false);
    if (r.ok) setSent(r.data.message);
    else if (r.fieldErrors.email) setFieldError(r.fieldErrors.email);
    else setError(r.message);
  };

  if (sent) {
    return (
      <div className="space-y-4">
        <Alert tone="success" role="status" title="Check your email">
          {sent}
        </Alert>
        <p className="text-center">
          <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <HydratedForm onSubmit={onSubmit} noValidate>
      {/* The fieldset inside is display: contents, so the spacing lives on this wrapper. */}
      <div className="space-y-4">
        {error ? <Alert tone="danger">{error}</Alert> : null}
        <Field id="email" label="Email" error={fieldError} hint="We will mail a link to choose a new password.">
          {(a) => <Input {...a} type="email" name="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.target.value)} placeholder="you@company.com" />}
        </Field>
        <Button type="submit" className="w-full" loading={pending}>
          {pending ? "Sending…" : "Send reset link"}
        </Button>
        <p className="text-center">
          <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            Back to sign in
          </Link>
        </p>
      </div>
    </HydratedForm>
  );
}
