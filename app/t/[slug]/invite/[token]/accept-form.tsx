"use client";

import { useState, useTransition } from "react";
import { acceptInvitationAction } from "./accept-action";

export function AcceptInvitationForm({ slug, token, tenantName, color }: { slug: string; token: string; tenantName: string; color: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [joined, setJoined] = useState<{ role: string; email: string } | null>(null);

  if (joined) {
    return (
      <div role="status" data-testid="invitation-accepted" className="mt-8 rounded-xl border border-emerald-200 bg-emerald-50 p-5 text-sm text-emerald-900">
        Welcome to {tenantName}. Your account <strong>{joined.email}</strong> is a member with the <strong>{joined.role}</strong> role.
      </div>
    );
  }

  return (
    <form
      className="mt-8 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(async () => {
          const r = await acceptInvitationAction(slug, token, { name: String(data.get("name") ?? ""), password: String(data.get("password") ?? "") });
          if (r.ok) setJoined(r.data);
          else setError({ message: r.message, fields: r.fieldErrors });
        });
      }}
    >
      {error && (
        <p role="alert" data-testid="accept-error" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error.message}
        </p>
      )}
      <label className="block text-sm font-medium text-slate-800">
        Your name
        <input name="name" required maxLength={120} autoComplete="name" className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-slate-400" />
        {error?.fields.name && <span className="mt-1 block text-xs text-red-700">{error.fields.name}</span>}
      </label>
      <label className="block text-sm font-medium text-slate-800">
        Password
        <input name="password" type="password" required minLength={12} autoComplete="new-password" className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-slate-400" />
        <span className="mt-1 block text-xs text-slate-500">At least 12 characters.</span>
        {error?.fields.password && <span className="mt-1 block text-xs text-red-700">{error.fields.password}</span>}
      </label>
      <button type="submit" disabled={pending} className="w-full rounded-lg px-4 py-2 text-sm font-medium text-white disabled:opacity-60" style={{ background: color }}>
        {pending ? "Joining…" : "Accept invitation"}
      </button>
    </form>
  );
}
