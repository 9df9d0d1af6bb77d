"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { assertSameOriginAction } from "@/lib/auth/current-caller";
import { verifyAccountCredentials } from "@/lib/auth/sign-in";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { describeInvitation } from "@/lib/invitations/describe-invitation";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

async function requestMeta() {
  const h = await headers();
  return { ip: clientIp(h.get("x-forwarded-for")), userAgent: h.get("user-agent"), requestId: newId("req") };
}

/** Accepts an invitation with a new account, on the inviting tenant's own host only. */
export async function acceptInvitationAction(slug: string, token: string, input: { name: string; password: string }): Promise<ActionResult<{ role: string; email: string }>> {
  return runAction(async () => {
    await assertSameOriginAction();
    const tenant = await portalTenant(slug);
    const r = await acceptInvitation({ token, name: input.name, password: input.password }, await requestMeta(), { expectedTenantId: tenant.id });
    return { role: r.role, email: r.email };
  });
}

/**
 * Accepts with the account the invitation's address already has: its password
 * proves the invitee owns it (throttled like sign-in), so a forwarded link
 * alone joins nobody.
 */
export async function acceptWithExistingAccountAction(slug: string, token: string, input: { password: string }): Promise<ActionResult<{ role: string; email: string }>> {
  return runAction(async () => {
    await assertSameOriginAction();
    const tenant = await portalTenant(slug);
    const invitation = await describeInvitation(token, tenant.id);
    if (!invitation) throw new AppError("not_found", "This invitation does not exist or is no longer valid");
    const meta = await requestMeta();
    const user = await verifyAccountCredentials(invitation.email, String(input.password ?? ""), meta.ip);
    if (!user) throw new AppError("authentication_required", "That password is not right for this account, or there were too many attempts. Try again later.");
    const r = await acceptInvitation({ token, signedInUserId: user.id }, meta, { expectedTenantId: tenant.id });
    return { role: r.role, email: r.email };
  });
}
