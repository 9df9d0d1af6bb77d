import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PortalAuthCard } from "@/components/auth/auth-shell";
import { MissingLinkToken } from "@/components/auth/missing-link-token";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

export default async function PortalResetPasswordPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const tenant = await portalTenant((await params).slug);
  if (tenant.status !== "active") redirect("/");
  const token = (await searchParams).token;
  return (
    <PortalAuthCard title="Choose a new password" subtitle="Every session of your account will be signed out">
      {typeof token === "string" && token ? <ResetPasswordForm token={token} /> : <MissingLinkToken what="reset" />}
    </PortalAuthCard>
  );
}
