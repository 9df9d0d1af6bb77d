import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { refusedNetworkAddress } from "@/lib/portal/portal-session";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Network not allowed" };

/** Where portal pages send a visitor the tenant's IP allowlist refuses: the reason, not a loop through sign-in. */
export default async function NetworkNotAllowedPage({ params }: { params: Promise<{ slug: string }> }) {
  const tenant = await portalTenant((await params).slug);
  const ip = await refusedNetworkAddress(tenant.id);
  if (!ip) redirect("/");
  const company = (tenant.branding as { company_name?: string }).company_name ?? tenant.name;
  return (
    <div className="mx-auto w-full max-w-md py-10 text-center">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">This network is not allowed</h1>
      <p className="mt-3 text-slate-600" data-testid="network-not-allowed">
        Your network address <span className="font-mono font-medium text-slate-900">{ip}</span> is not allowed by {company}.
      </p>
      <p className="mt-2 text-slate-500">{company} only accepts sign-ins from the networks its administrators listed. Connect from an allowed network (for example your office network or VPN), or ask an administrator to add this address.</p>
    </div>
  );
}
