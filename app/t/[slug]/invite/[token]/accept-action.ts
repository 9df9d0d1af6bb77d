"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { assertSameOriginAction } from "@/lib/auth/current-caller";
import { clientIp } from "@/lib/http/client-ip";
import { newId } from "@/lib/ids";
import { acceptInvitation } from "@/lib/invitations/accept-invitation";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

/** Accepts an invitation with a new account, on the inviting tenant's own host only. */
export async function acceptInvitationAction(slug: string, token: string, input: { name: string; password: string }): Promise<ActionResult<{ role: string; email: string }>> {
  return runAction(async () => {
    await assertSameOriginAction();
    const tenant = await portalTenant(slug);
    const h = await headers();
    const meta = { ip: clientIp(h.get("x-forwarded-for")), userAgent: h.get("user-agent"), requestId: newId("req") };
    const r = await acceptInvitation({ token, name: input.name, password: input.password }, meta, { expectedTenantId: tenant.id });
    return { role: r.role, email: r.email };
  });
}
