import "server-only";
import { cookies, headers } from "next/headers";
import { actionCaller, assertSameOriginAction } from "@/lib/auth/current-caller";
import { assertNotPendingEnrolment } from "@/lib/auth/second-factor/enrolment-required";
import { env } from "@/lib/env";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/http/errors";
import { assertIpAllowed } from "@/lib/security-policy/assert-ip-allowed";
import { portalMember } from "@/lib/portal/portal-session";
import { noteActionActor } from "@/lib/observability/action-context";
import { platformActor, type TenantActor } from "@/lib/tenant-access/tenant-actor";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/**
 * Who a server action acts as, decided by the host it was posted to: platform
 * staff on the console host, the signed-in member on a tenant's host. Either
 * way the Origin must be this same host.
 */
export async function actionTenantActor(): Promise<TenantActor> {
  const host = ((await headers()).get("host") ?? "").toLowerCase();
  if (host === env.rootDomain) return platformActor(await actionCaller());
  await assertSameOriginAction();
  const resolution = await resolveHost(host);
  if (resolution.kind !== "tenant") throw new AppError("tenant_not_found", "No tenant is served at this host");
  await assertIpAllowed(resolution.tenant.id, clientIp(await headers()));
  const member = await portalMember(resolution.tenant);
  if (!member) {
    await assertNotPendingEnrolment((await cookies()).toString(), host);
    throw new AppError("authentication_required", "Your session has ended; sign in again");
  }
  // Staff in the portal under a support grant are logged as what they are, not as a member.
  noteActionActor({ kind: member.actor.impersonation ? "support" : "member", id: member.actor.userId }, member.actor.tenantId);
  return member.actor;
}
