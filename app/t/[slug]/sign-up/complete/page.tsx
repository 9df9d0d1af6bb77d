import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { refusedNetworkAddress } from "@/lib/portal/portal-session";
import { peekSignUp } from "@/lib/security-policy/domain-capture/complete-sign-up";
import { portalTenant } from "@/lib/tenancy/portal-tenant";
import { CompleteSignUpForm } from "../sign-up-forms";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Finish joining" };

export default async function CompleteSignUpPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug } = await params;
  const tenant = await portalTenant(slug);
  if (tenant.status !== "active") redirect("/");
  if (await refusedNetworkAddress(tenant.id)) redirect("/network-not-allowed");
  const token = (await searchParams).token;
  const found = typeof token === "string" ? await peekSignUp(token, (await headers()).get("host") ?? "", tenant.id) : null;
  const company = (tenant.branding as { company_name?: string }).company_name ?? tenant.name;
  return (
    <div className="mx-auto w-full max-w-sm py-6">
      <h1 className="text-center text-xl font-semibold tracking-tight text-slate-900">Join {company}</h1>
      <div className="mt-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        {found && typeof token === "string" ? (
          <CompleteSignUpForm slug={slug} token={token} email={found.email} accountExists={found.accountExists} company={company} />
        ) : (
          <p data-testid="sign-up-link-invalid" className="text-sm text-slate-600">
            This link is invalid, already used or expired.{" "}
            <a href="/sign-up" className="font-medium text-indigo-700 underline">
              Ask for a new one
            </a>
            .
          </p>
        )}
      </div>
    </div>
  );
}
