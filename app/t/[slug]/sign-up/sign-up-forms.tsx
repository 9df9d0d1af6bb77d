"use client";

import { useRef, useState, useTransition } from "react";
import { Field, Input } from "@/components/ui/input";
import { HydratedForm } from "@/components/ui/hydrated-form";
import { completeSignUpAction, startSignUpAction } from "./sign-up-actions";

type Failure = { message: string; fields: Record<string, string> };

function ErrorSummary({ error }: { error: Failure | null }) {
  if (!error) return null;
  return (
    <p role="alert" data-testid="sign-up-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {error.message}
    </p>
  );
}

const submitClasses = "w-full rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-on-primary hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60";

/** Step 1: an address on a capturing domain gets a link by mail. */
export function StartSignUpForm({ slug, domains }: { slug: string; domains: string[] }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<Failure | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo) {
    return (
      <div role="status" data-testid="sign-up-sent" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
        We sent a link to <strong>{sentTo}</strong>. Open it within 30 minutes to finish joining.
      </div>
    );
  }
  return (
    <HydratedForm
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const email = String(new FormData(e.currentTarget).get("email") ?? "");
        startTransition(async () => {
          const r = await startSignUpAction(slug, { email });
          if (!r.ok) return setError({ message: r.message, fields: r.fieldErrors });
          setError(null);
          setSentTo(r.data.sent_to);
        });
      }}
    >
      <ErrorSummary error={error} />
      <Field id="sign-up-email" label="Work email" hint={`An address on ${domains.join(", ")}.`} error={error?.fields.email}>
        {(a11y) => <Input {...a11y} name="email" type="email" required maxLength={254} autoComplete="email" />}
      </Field>
      <button type="submit" disabled={pending} className={submitClasses}>
        {pending ? "Sending…" : "Email me a link"}
      </button>
    </HydratedForm>
  );
}

/** Step 2: a new account chooses its name and password; an existing one just joins. */
export function CompleteSignUpForm({ slug, token, email, accountExists, company }: { slug: string; token: string; email: string; accountExists: boolean; company: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<Failure | null>(null);
  const [joined, setJoined] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  if (joined) {
    return (
      <div role="status" data-testid="sign-up-joined" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900">
        Welcome to {company}. <strong>{email}</strong> is now a member.{" "}
        <a href="/login" className="font-medium underline">
          Sign in
        </a>{" "}
        to continue.
      </div>
    );
  }
  return (
    <HydratedForm
      ref={form}
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(async () => {
          const r = await completeSignUpAction(slug, accountExists ? { token } : { token, name: String(data.get("name") ?? ""), password: String(data.get("password") ?? "") });
          if (!r.ok) {
            setError({ message: r.message, fields: r.fieldErrors });
            const first = ["name", "password"].find((f) => r.fieldErrors[f]);
            if (first) requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus());
            return;
          }
          setJoined(true);
        });
      }}
    >
      <ErrorSummary error={error} />
      {accountExists ? (
        <p className="text-sm text-slate-600">
          <strong>{email}</strong> already has an account. Join {company} with it; you keep your password.
        </p>
      ) : (
        <>
          <input type="hidden" name="email" value={email} autoComplete="username" />
          <Field id="sign-up-name" label="Your name" hint="How other members will see you." error={error?.fields.name}>
            {(a11y) => <Input {...a11y} name="name" required maxLength={120} autoComplete="name" />}
          </Field>
          <Field id="sign-up-password" label="Password" hint="At least 12 characters. A few unrelated words make a good one." error={error?.fields.password}>
            {(a11y) => <Input {...a11y} name="password" type="password" required maxLength={256} autoComplete="new-password" />}
          </Field>
        </>
      )}
      <button type="submit" disabled={pending} className={submitClasses}>
        {pending ? "Joining…" : `Join ${company}`}
      </button>
    </HydratedForm>
  );
}
