"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { assertSameOriginAction } from "@/lib/auth/current-caller";
import { clientIp } from "@/lib/http/client-ip";
import { newId } from "@/lib/ids";
import { completeSignUp } from "@/lib/security-policy/domain-capture/complete-sign-up";
import { startSignUp } from "@/lib/security-policy/domain-capture/start-sign-up";
import { portalTenant } from "@/lib/tenancy/portal-tenant";

/** Step 1 of domain capture, on the tenant's own host: mails a single-use link to the address. */
export async function startSignUpAction(slug: string, input: { email: string }): Promise<ActionResult<{ sent_to: string }>> {
  return runAction("signUp.startSignUp", async () => {
    await assertSameOriginAction();
    const tenant = await portalTenant(slug);
    return startSignUp(tenant, input, clientIp(await headers()));
  });
}

/** Step 2: the link's token, plus a name and password when the account is new. */
export async function completeSignUpAction(slug: string, input: { token: string; name?: string; password?: string }): Promise<ActionResult<{ email: string; account_created: boolean }>> {
  return runAction("signUp.completeSignUp", async () => {
    await assertSameOriginAction();
    const tenant = await portalTenant(slug);
    const h = await headers();
    const r = await completeSignUp({ ...input, host: h.get("host") ?? "", tenantId: tenant.id }, { ip: clientIp(h), userAgent: h.get("user-agent"), requestId: newId("req") });
    return { email: r.email, account_created: r.account_created };
  });
}
