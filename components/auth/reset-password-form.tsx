"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { Field, Input } from "@/components/ui/input";
import { postApi } from "@/lib/query/fetch-api";

/** Chooses the new password with the mailed link's token (read by the page, sent once). */
export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 12) return setErrors({ password: "Password must be at least 12 characters" });
    if (password !== confirm) return setErrors({ confirm: "The two passwords differ" });
    setErrors({});
    setError(null);
    setPending(true);
    const r = await postApi<{ message: string }>("/api/account/password-reset/complete", { token, password });
    setPending(false);
    if (r.ok) setDone(r.data.message);
    else if (r.fieldErrors.password) setErrors({ password: r.fieldErrors.password });
    else setError(r.message);
  };

  if (done) {
    return (
      <div className="space-y-4">
        <Alert tone="success" role="status" title="Password changed">
          {done}
        </Alert>
        <Link href="/login" className="flex h-9 w-full items-center justify-center rounded-md bg-indigo-600 px-3 font-medium text-on-primary hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
          Sign in
        </Link>
      </div>
    );
  }
  return (
    <HydratedForm onSubmit={onSubmit} noValidate>
      {/* The fieldset inside is display: contents, so the spacing lives on this wrapper. */}
      <div className="space-y-4">
        {error ? (
          <Alert tone="danger" title="This link cannot be used">
            {error}{" "}
            <Link href="/forgot-password" className="font-medium underline underline-offset-2">
              Ask for a new link
            </Link>
          </Alert>
        ) : null}
        <Field id="password" label="New password" error={errors.password} hint="At least 12 characters.">
          {(a) => <Input {...a} type="password" name="password" autoComplete="new-password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />}
        </Field>
        <Field id="confirm" label="Repeat the new password" error={errors.confirm}>
          {(a) => <Input {...a} type="password" name="confirm" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.target.value)} />}
        </Field>
        <Button type="submit" className="w-full" loading={pending}>
          {pending ? "Saving…" : "Set new password"}
        </Button>
      </div>
    </HydratedForm>
  );
}
