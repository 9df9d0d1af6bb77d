import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PortalAuthCard } from "@/components/auth/auth-shell";
import { MissingLinkToken } from "@/components/auth/missing-link-token";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Verify your email", referrer: "no-referrer" };

export default async function PortalVerifyEmailPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tenant = await portalTenant((await params).slug);
  if (tenant.status !== "active") redirect("/");
  const token = (await searchParams).token;
  return (
    <PortalAuthCard title="Verify your email" subtitle="Confirm that this address belongs to you">
      {typeof token === "string" && token ? <VerifyEmailForm token={token} /> : <MissingLinkToken what="verification" />}
    </PortalAuthCard>
  );
}
