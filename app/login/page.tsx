import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { AtriumLogo } from "@/components/console/atrium-logo";
import { currentCaller } from "@/lib/auth/current-caller";
import { env } from "@/lib/env";
import { safeCallbackPath } from "@/lib/http/safe-callback";
import { ForgotPasswordLink } from "@/components/auth/forgot-password-link";
import { LoginForm } from "@/components/auth/login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const host = ((await headers()).get("host") ?? "").toLowerCase();
  if (host !== env.rootDomain) notFound();
  const sp = await searchParams;
  const callbackUrl = safeCallbackPath(sp.callbackUrl);
  if (await currentCaller()) redirect(callbackUrl);

  return (
    <main className="relative flex min-h-screen flex-col items-center justify-center overflow-hidden px-4 py-12 text-sm">
      <div aria-hidden="true" className="pointer-events-none absolute inset-0 bg-[radial-gradient(60rem_30rem_at_50%_-10%,var(--color-indigo-100),transparent_70%)]" />
      <div className="relative w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <AtriumLogo className="size-11" />
          <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">Sign in to Atrium</h1>
          <p className="mt-1 text-slate-500">The platform console for staff</p>
        </div>
        <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <LoginForm callbackUrl={callbackUrl} />
          <ForgotPasswordLink />
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">Tenant administrators sign in on their own portal address.</p>
      </div>
    </main>
  );
}
