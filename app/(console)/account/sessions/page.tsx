import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SessionsManager } from "@/components/account/sessions-manager";
import { listOwnSessions } from "@/lib/auth/sessions/list-own-sessions";
import { requestTime } from "@/lib/request-time";
import { requireConsoleCaller } from "../../_lib/require-console-caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your sessions" };

export default async function ConsoleSessionsPage() {
  const caller = await requireConsoleCaller();
  if (caller.kind !== "user" || !caller.meta.session) redirect("/login");
  const sessions = await listOwnSessions({ userId: caller.id, email: caller.label, kind: "staff", tenantId: null, session: caller.meta.session, meta: caller.meta });
  return <SessionsManager initial={sessions} now={requestTime()} />;
}
