"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { completeSignIn } from "@/components/auth/complete-sign-in";
import { postSignInStep } from "@/components/auth/post-sign-in-step";
import { Field, Input } from "@/components/ui/input";
import { acceptInvitationAction, acceptWithExistingAccountAction } from "./accept-action";

type Props = { slug: string; token: string; email: string; roleName: string; tenantName: string; color: string; existingAccount: boolean };

/** Accepts, then signs the new member in on this host, so the link leads straight into the portal. */
export function AcceptInvitationForm({ slug, token, email, roleName, tenantName, color, existingAccount }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [joined, setJoined] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  if (joined) {
    return (
      <div role="status" data-testid="invitation-accepted" className="mt-8 rounded-xl border border-emerald-200 bg-emerald-50 p-5 text-sm text-emerald-900">
        Welcome to {tenantName}. Your account <strong>{email}</strong> is a member with the <strong>{roleName}</strong> role.{" "}
        <a href="/login" className="font-medium underline">
          Sign in
        </a>{" "}
        to continue.
      </div>
    );
  }

  // The summary names what went wrong; each field's own message is tied to it (aria-describedby), and focus goes to the first one.
  const fieldError = (name: string) => error?.fields[name];
  const summary = error && Object.keys(error.fields).length ? `Not accepted yet: ${Object.values(error.fields)
          .map((m) => (/[.!?]$/.test(m) ? m : `${m}.`))
          .join(" ")}` : error?.message;

  return (
    <form
      ref={form}
      className="mt-8 space-y-4"
      // The server checks the rules shown as hints and answers per field; the browser's own bubbles would say less, in another style.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        const password = String(data.get("password") ?? "");
        startTransition(async () => {
          const r = existingAccount
            ? await acceptWithExistingAccountAction(slug, token, { password })
            : await acceptInvitationAction(slug, token, { name: String(data.get("name") ?? ""), password });
          if (!r.ok) {
            setError({ message: r.message, fields: r.fieldErrors });
            const first = ["name", "password"].find((f) => r.fieldErrors[f]);
            if (first) requestAnimationFrame(() => form.current?.querySelector<HTMLInputElement>(`[name="${first}"]`)?.focus());
            return;
          }
          // Signing in goes through the same steps as the sign-in page; an account with a second factor finishes there.
          const step = await postSignInStep<{ next: string; ticket?: string }>("/api/sign-in/password", { email, password }).catch(() => null);
          if (step?.ok && step.data.next === "complete" && step.data.ticket && (await completeSignIn(step.data.ticket, "/").catch(() => "rejected")) === "ok") {
            router.replace("/");
            router.refresh();
            return;
          }
          setJoined(true);
        });
      }}
    >
      {summary ? (
        <p role="alert" data-testid="accept-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {summary}
        </p>
      ) : null}
      {existingAccount ? null : (
        <Field id="accept-name" label="Your name" hint="How other members will see you; up to 120 characters." error={fieldError("name")}>
          {(a11y) => <Input {...a11y} name="name" required maxLength={120} autoComplete="name" />}
        </Field>
      )}
      <input type="hidden" name="email" value={email} autoComplete="username" />
      <Field
        id="accept-password"
        label={existingAccount ? "Password of your account" : "Password"}
        hint={existingAccount ? `The password you sign in with as ${email}.` : "At least 12 characters. A few unrelated words make a good one."}
        error={fieldError("password")}
      >
        {(a11y) => <Input {...a11y} name="password" type="password" required maxLength={256} autoComplete={existingAccount ? "current-password" : "new-password"} />}
      </Field>
      <button type="submit" disabled={pending} className="w-full rounded-lg px-4 py-2 text-sm font-medium text-on-primary disabled:opacity-60" style={{ background: color }}>
        {pending ? "Joining…" : "Accept invitation"}
      </button>
    </form>
  );
}
