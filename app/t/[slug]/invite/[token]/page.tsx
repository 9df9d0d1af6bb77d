import type { Metadata } from "next";
import { portalColors, portalTenant } from "@/lib/tenancy/portal-tenant";
import { AcceptInvitationForm } from "./accept-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Accept invitation", referrer: "no-referrer" };

export default async function AcceptInvitationPage({ params }: { params: Promise<{ slug: string; token: string }> }) {
  const { slug, token } = await params;
  const tenant = await portalTenant(slug);
  const { primary } = portalColors(tenant);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold tracking-tight">Join {tenant.name}</h1>
      <p className="mt-2 text-sm text-slate-600">You were invited to {tenant.name}. Choose your name and a password to create your account.</p>
      <AcceptInvitationForm slug={slug} token={token} tenantName={tenant.name} color={primary} />
    </section>
  );
}
