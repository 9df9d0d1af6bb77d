import "server-only";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { resolveHost, type PortalTenant } from "@/lib/tenancy/resolve-host";

/**
 * The tenant whose portal this request may render: the host must resolve to
 * the tenant named in the path. So /t/<slug> on the console host, or on
 * another tenant's host, or with the proxy bypassed, is simply not found.
 */
export async function portalTenant(slug: string): Promise<PortalTenant> {
  const resolution = await resolveHost((await headers()).get("host"));
  if (resolution.kind !== "tenant" || resolution.tenant.slug !== slug) notFound();
  return resolution.tenant;
}

export function portalColors(tenant: PortalTenant): { primary: string; secondary: string } {
  const b = tenant.branding as { primary_color?: string; secondary_color?: string };
  const hex = /^#[0-9a-f]{3}(?:[0-9a-f]{3})?$/i;
  return {
    primary: b.primary_color && hex.test(b.primary_color) ? b.primary_color : "#4f46e5",
    secondary: b.secondary_color && hex.test(b.secondary_color) ? b.secondary_color : "#64748b",
  };
}
