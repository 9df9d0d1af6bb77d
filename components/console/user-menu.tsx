"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Menu } from "@/components/ui/menu";

/** Who is signed in, and the way out. */
export function UserMenu({ email, roleLabel }: { email: string; roleLabel: string }) {
  const router = useRouter();
  const [signingOut, setSigningOut] = useState(false);
  const initials = email.slice(0, 1).toUpperCase();
  return (
    <Menu
      // The name starts with the visible text (WCAG 2.5.3, label in name), then says what the button opens.
      label={`${email}, account menu`}
      triggerClassName="flex items-center gap-2 rounded-full py-1 pr-2 pl-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      trigger={
        <>
          <span className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-700" aria-hidden="true">
            {initials}
          </span>
          <span className="hidden max-w-48 truncate sm:inline md:hidden xl:inline">{email}</span>
          <svg className="size-4 text-slate-400" viewBox="0 0 16 16" fill="none" aria-hidden="true">
            <path d="m4.5 6.5 3.5 3.5 3.5-3.5" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </>
      }
      header={
        <>
          <p className="text-xs text-slate-500">Signed in as</p>
          <p className="truncate text-sm font-medium text-slate-900">{email}</p>
          <p className="mt-1.5 inline-flex rounded bg-slate-100 px-1.5 py-0.5 text-[11px] font-medium text-slate-600">{roleLabel}</p>
        </>
      }
      items={[
        // The same path on the console and on every portal: the account's Security and Sessions tabs.
        { key: "account", label: "Account", description: "Two-factor authentication, sessions", onSelect: () => router.push("/account/security") },
        { key: "account-separator", separator: true },
        {
          key: "signout",
          label: signingOut ? "Signing out…" : "Sign out",
          onSelect: async () => {
            setSigningOut(true);
            await signOut({ redirect: false });
            router.replace("/login");
            router.refresh();
          },
        },
      ]}
    />
  );
}
