import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PortalAuthCard } from "@/components/auth/auth-shell";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Forgot password" };

export default async function PortalForgotPasswordPage({ params }: { params: Promise<{ slug: string }> }) {
  const tenant = await portalTenant((await params).slug);
  if (tenant.status !== "active") redirect("/");
  const company = (tenant.branding as { company_name?: string }).company_name ?? tenant.name;
  return (
    <PortalAuthCard title="Forgot your password?" subtitle={`For your ${company} account`}>
      <ForgotPasswordForm />
    </PortalAuthCard>
  );
}
