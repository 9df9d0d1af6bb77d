import type { Metadata } from "next";
import { SecuritySettings } from "@/components/account/security-settings";
import { secondFactorStatus } from "@/lib/auth/second-factor/second-factor-status";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { getTenantSecurityPolicy } from "@/lib/security-policy/get-security-policy";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Security" };

export default async function PortalSecurityPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member } = await requirePortalSession((await params).slug, "/account/security");
  const [status, policy] = await Promise.all([secondFactorStatus(member.actor.userId), getTenantSecurityPolicy(tenant.id)]);
  return <SecuritySettings status={status} required={policy.require_2fa} accountLabel={`${tenant.name} (${member.email})`} />;
}
