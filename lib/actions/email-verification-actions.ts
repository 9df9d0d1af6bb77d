"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { resendEmailVerification } from "@/lib/auth/email-verification/resend-email-verification";
import { actionTenantActor } from "@/lib/portal/action-actor";
import { AppError } from "@/lib/http/errors";
import { resolveHost } from "@/lib/tenancy/resolve-host";

/** The banner's "Resend": the signed-in account's own verification link, on this host (staff on the console, a member on their portal). */
export async function resendVerificationAction(): Promise<ActionResult<{ email: string }>> {
  return runAction("emailVerification.resendVerification", async () => {
    const actor = await actionTenantActor();
    if (actor.kind === "platform" && actor.caller.kind === "user") return resendEmailVerification(actor.caller.id, { kind: "console" }, "the Atrium console");
    if (actor.kind === "member") {
      const r = await resolveHost((await headers()).get("host"));
      if (r.kind !== "tenant") throw new AppError("tenant_not_found", "No tenant is served at this host");
      return resendEmailVerification(actor.userId, { kind: "tenant", tenant: r.tenant }, (r.tenant.branding as { company_name?: string }).company_name ?? r.tenant.name);
    }
    throw new AppError("authentication_required", "Sign in to verify your email");
  });
}
