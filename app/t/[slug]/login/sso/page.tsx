import type { Metadata } from "next";
import { CompleteSsoSignIn } from "@/components/sso/complete-sso-sign-in";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signing in" };

/** Where /api/sso/callback sends a successful sign-in: the ticket is in the fragment, redeemed by the browser. */
export default async function SsoCompletePage({ params }: { params: Promise<{ slug: string }> }) {
  await portalTenant((await params).slug);
  return (
    <div className="mx-auto w-full max-w-sm py-6">
      <h1 className="text-center text-xl font-semibold tracking-tight text-slate-900">Signing you in…</h1>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <CompleteSsoSignIn />
      </div>
    </div>
  );
}
