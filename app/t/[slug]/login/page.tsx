import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ForgotPasswordLink } from "@/components/auth/forgot-password-link";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackPath } from "@/lib/http/safe-callback";
import { portalMember, refusedNetworkAddress } from "@/lib/portal/portal-session";
import { capturingDomains } from "@/lib/security-policy/domain-capture/capture-domains";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

/** Members sign in on their tenant's own host; the session is valid here and nowhere else. */
export default async function PortalLoginPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tenant = await portalTenant((await params).slug);
  if (tenant.status !== "active") redirect("/");
  if (await refusedNetworkAddress(tenant.id)) redirect("/network-not-allowed");
  const callbackUrl = safeCallbackPath((await searchParams).callbackUrl, "/");
  if (await portalMember(tenant)) redirect(callbackUrl);
  const company = (tenant.branding as { company_name?: string }).company_name ?? tenant.name;
  const canSignUp = (await capturingDomains(tenant.id)).length > 0;
  return (
    <div className="mx-auto w-full max-w-sm py-6">
      <h1 className="text-center text-xl font-semibold tracking-tight text-slate-900">Sign in to {company}</h1>
      <p className="mt-1 text-center text-slate-500">Use the email and password of your {company} account.</p>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <LoginForm callbackUrl={callbackUrl} />
        <ForgotPasswordLink />
      </div>
      {canSignUp ? (
        <p className="mt-6 text-center text-xs text-slate-500">
          New here?{" "}
          <a href="/sign-up" className="font-medium text-indigo-700 underline">
            Create an account
          </a>{" "}
          with your work email, or ask an administrator of {company} for an invitation.
        </p>
      ) : (
        <p className="mt-6 text-center text-xs text-slate-500">New here? Ask an administrator of {company} for an invitation.</p>
      )}
    </div>
  );
}
