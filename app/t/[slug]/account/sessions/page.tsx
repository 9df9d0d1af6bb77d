import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SessionsManager } from "@/components/account/sessions-manager";
import { listOwnSessions } from "@/lib/auth/sessions/list-own-sessions";
import { requirePortalSession } from "@/lib/portal/portal-session";
import { requestTime } from "@/lib/request-time";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your sessions" };

export default async function PortalSessionsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { tenant, member } = await requirePortalSession((await params).slug, "/account/sessions");
  const { actor } = member;
  if (!actor.meta.session) redirect("/login?callbackUrl=%2Faccount%2Fsessions");
  // Support staff act for the tenant, not as an account of it: its sessions are not theirs to manage here.
  if (actor.impersonation) redirect("/");
  const sessions = await listOwnSessions({ userId: actor.userId, email: member.email, kind: "member", tenantId: tenant.id, session: actor.meta.session, meta: actor.meta });
  return <SessionsManager initial={sessions} now={requestTime()} />;
}
