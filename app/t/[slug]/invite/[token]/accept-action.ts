"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { assertSameOriginAction } from "@/lib/auth/current-caller";
import { verifyAccountCredentials } from "@/lib/auth/sign-in";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { acceptInvitation, signedInAsSomeoneElse } from "@/lib/invitations/accept-invitation";
import { describeInvitation } from "@/lib/invitations/describe-invitation";
import { signedInAccount } from "@/lib/portal/session-account";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

async function requestMeta() {
  const h = await headers();
  return { ip: clientIp(h), userAgent: h.get("user-agent"), requestId: newId("req") };
}

/**
 * Accepts an invitation with a new account, on the inviting tenant's own host only.
 * Whoever is signed in on this host is passed on: the service refuses to create the
 * invitee's account for a different signed-in person (the page alone is not a guard).
 */
export async function acceptInvitationAction(slug: string, token: string, input: { name: string; password: string }): Promise<ActionResult<{ role: string; email: string }>> {
  return runAction("accept.acceptInvitation", async () => {
    await assertSameOriginAction();
    const tenant = await portalTenant(slug);
    const session = await signedInAccount(tenant);
    const r = await acceptInvitation({ token, name: input.name, password: input.password }, await requestMeta(), { expectedTenantId: tenant.id, sessionUserId: session?.id ?? null });
    return { role: r.role, email: r.email };
  });
}

/**
 * Accepts with the account the invitation's address already has: its password
 * proves the invitee owns it (throttled like sign-in), so a forwarded link
 * alone joins nobody.
 */
export async function acceptWithExistingAccountAction(slug: string, token: string, input: { password: string }): Promise<ActionResult<{ role: string; email: string }>> {
  return runAction("accept.acceptWithExistingAccount", async () => {
    await assertSameOriginAction();
    const tenant = await portalTenant(slug);
    const invitation = await describeInvitation(token, tenant.id);
    if (!invitation) throw new AppError("not_found", "This invitation does not exist or is no longer valid");
    // Refused before the password is tried: someone signed in as another person learns nothing about it.
    const session = await signedInAccount(tenant);
    if (session && session.email.toLowerCase() !== invitation.email) throw signedInAsSomeoneElse(session.email);
    const meta = await requestMeta();
    const user = await verifyAccountCredentials(invitation.email, String(input.password ?? ""), meta.ip, meta.userAgent);
    if (!user) {
      const message = "That password is not right for this account, or there were too many attempts. Try again later.";
      throw new AppError("authentication_required", message, [{ path: "password", message }]);
    }
    const r = await acceptInvitation({ token, signedInUserId: user.id }, meta, { expectedTenantId: tenant.id, sessionUserId: session?.id ?? null });
    return { role: r.role, email: r.email };
  });
}
