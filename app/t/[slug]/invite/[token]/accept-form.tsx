"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptInvitationAction, acceptWithExistingAccountAction } from "./accept-action";

type Props = { slug: string; token: string; email: string; roleName: string; tenantName: string; color: string; existingAccount: boolean };

/** Accepts, then signs the new member in on this host, so the link leads straight into the portal. */
export function AcceptInvitationForm({ slug, token, email, roleName, tenantName, color, existingAccount }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [joined, setJoined] = useState(false);

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

  return (
    <form
      className="mt-8 space-y-4"
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
            return;
          }
          const signedIn = await signIn("credentials", { email, password, redirect: false }).catch(() => null);
          if (signedIn?.ok && !signedIn.error) {
            router.replace("/");
            router.refresh();
            return;
          }
          setJoined(true);
        });
      }}
    >
      {error && (
        <p role="alert" data-testid="accept-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error.message}
        </p>
      )}
      {existingAccount ? null : (
        <label className="block text-sm font-medium text-slate-800">
          Your name
          <input name="name" required maxLength={120} autoComplete="name" className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-slate-400" />
          {error?.fields.name && <span className="mt-1 block text-xs text-red-700">{error.fields.name}</span>}
        </label>
      )}
      <input type="hidden" name="email" value={email} autoComplete="username" />
      <label className="block text-sm font-medium text-slate-800">
        {existingAccount ? "Password of your account" : "Password"}
        <input
          name="password"
          type="password"
          required
          minLength={existingAccount ? 1 : 12}
          autoComplete={existingAccount ? "current-password" : "new-password"}
          className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-slate-400"
        />
        {existingAccount ? null : <span className="mt-1 block text-xs text-slate-500">At least 12 characters.</span>}
        {error?.fields.password && <span className="mt-1 block text-xs text-red-700">{error.fields.password}</span>}
      </label>
      <button type="submit" disabled={pending} className="w-full rounded-lg px-4 py-2 text-sm font-medium text-on-primary disabled:opacity-60" style={{ background: color }}>
        {pending ? "Joining…" : "Accept invitation"}
      </button>
    </form>
  );
}
