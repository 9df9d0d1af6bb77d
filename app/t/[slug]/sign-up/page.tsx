import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { refusedNetworkAddress } from "@/lib/portal/portal-session";
import { capturingDomains } from "@/lib/security-policy/domain-capture/capture-domains";
import { portalTenant } from "@/lib/tenancy/portal-tenant";
import { StartSignUpForm } from "./sign-up-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Create an account" };

/** Domain capture: only when the tenant has a verified email domain with a capture role. */
export default async function SignUpPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const tenant = await portalTenant(slug);
  if (tenant.status !== "active") redirect("/");
  if (await refusedNetworkAddress(tenant.id)) redirect("/network-not-allowed");
  const domains = await capturingDomains(tenant.id);
  if (domains.length === 0) notFound();
  const company = (tenant.branding as { company_name?: string }).company_name ?? tenant.name;
  return (
    <div className="mx-auto w-full max-w-sm py-6">
      <h1 className="text-center text-xl font-semibold tracking-tight text-slate-900">Create an account</h1>
      <p className="mt-1 text-center text-slate-500">People with an address on {domains.join(", ")} can join {company}.</p>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <StartSignUpForm slug={slug} domains={domains} />
      </div>
      <p className="mt-6 text-center text-xs text-slate-500">
        Already a member?{" "}
        <a href="/login" className="font-medium text-indigo-700 underline">
          Sign in
        </a>
      </p>
    </div>
  );
}
