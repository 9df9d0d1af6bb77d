import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ForgotPasswordLink } from "@/components/auth/forgot-password-link";
import { LoginForm } from "@/components/auth/login-form";
import { SsoSignIn } from "@/components/sso/sso-sign-in";
import { Alert } from "@/components/ui/alert";
import { safeCallbackPath } from "@/lib/http/safe-callback";
import { portalMember, refusedNetworkAddress } from "@/lib/portal/portal-session";
import { capturingDomains } from "@/lib/security-policy/domain-capture/capture-domains";
import { portalSignInOptions } from "@/lib/sso/load-sso-connection";
import { isSsoRefusalReason, SSO_REFUSAL_MESSAGES } from "@/lib/sso/sso-refusal";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

/**
 * Members sign in on their tenant's own host; the session is valid here and nowhere else.
 * With single sign-on configured, "Continue with <IdP>" comes first; when the policy
 * requires it, the password form is only behind the owners' break-glass link.
 */
export default async function PortalLoginPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tenant = await portalTenant((await params).slug);
  if (tenant.status !== "active") redirect("/");
  if (await refusedNetworkAddress(tenant.id)) redirect("/network-not-allowed");
  const query = await searchParams;
  const callbackUrl = safeCallbackPath(query.callbackUrl, "/");
  if (await portalMember(tenant)) redirect(callbackUrl);
  const company = (tenant.branding as { company_name?: string }).company_name ?? tenant.name;
  const [options, captured] = await Promise.all([portalSignInOptions(tenant.id), capturingDomains(tenant.id)]);
  const canSignUp = captured.length > 0;
  const ssoError = isSsoRefusalReason(query.sso_error) ? SSO_REFUSAL_MESSAGES[query.sso_error] : null;
  const breakGlass = query.break_glass === "1";
  const ssoOnly = options.ssoRequired && options.sso !== null && !breakGlass;
  return (
    <div className="mx-auto w-full max-w-sm py-6">
      <h1 className="text-center text-xl font-semibold tracking-tight text-slate-900">Sign in to {company}</h1>
      <p className="mt-1 text-center text-slate-500">{ssoOnly ? `Sign in with ${company}'s identity provider.` : options.sso && !breakGlass ? `Continue with ${options.sso.displayName}, or use the email and password of your ${company} account.` : `Use the email and password of your ${company} account.`}</p>
      <div className="mt-6 space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        {ssoError ? (
          <Alert tone="danger" title="Single sign-on failed" role="alert">
            {ssoError}
          </Alert>
        ) : null}
        {breakGlass ? (
          <Alert tone="warning" title="Owner break-glass sign-in">
            {company} requires single sign-on. Only owners may sign in with a password here, and every owner is notified when one does.
          </Alert>
        ) : null}
        {options.sso && !breakGlass ? <SsoSignIn displayName={options.sso.displayName} callbackUrl={callbackUrl} divider={!ssoOnly} /> : null}
        {ssoOnly ? null : (
          <div>
            <LoginForm callbackUrl={callbackUrl} passkeys={options.passkeyAllowed} />
            <ForgotPasswordLink />
          </div>
        )}
      </div>
      {ssoOnly ? (
        <p className="mt-4 text-center text-xs text-slate-500">
          Identity provider unavailable?{" "}
          <Link href={`/login?${new URLSearchParams({ break_glass: "1", callbackUrl }).toString()}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
            Owner sign-in (break glass)
          </Link>
        </p>
      ) : null}
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
