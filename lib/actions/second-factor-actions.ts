"use server";

import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { assertSameOriginAction } from "@/lib/auth/current-caller";
import { confirmTotpEnrolment } from "@/lib/auth/second-factor/confirm-totp-enrolment";
import { currentAccount, type CurrentAccount } from "@/lib/auth/second-factor/current-account";
import { disableTotp } from "@/lib/auth/second-factor/disable-totp";
import { regenerateRecoveryCodes } from "@/lib/auth/second-factor/regenerate-recovery-codes";
import { startTotpEnrolment, type TotpEnrolment } from "@/lib/auth/second-factor/start-totp-enrolment";
import { AppError, parseOrThrow } from "@/lib/http/errors";
import { noteActionActor } from "@/lib/observability/action-context";

// The account's own second factors, on the console (staff) or a portal
// (members). Each action: same-origin, the account signed in on this host —
// a session still waiting for enrolment may only start and confirm one.

async function account(opts: { pendingAllowed: boolean }): Promise<CurrentAccount> {
  await assertSameOriginAction();
  const a = await currentAccount();
  if (!a || (a.pending && !opts.pendingAllowed)) throw new AppError("authentication_required", "Your session has ended; sign in again");
  noteActionActor({ kind: a.kind === "staff" ? "user" : "member", id: a.userId }, a.tenantId);
  return a;
}

const Code = z.object({ code: z.string().trim().min(1, "Enter the 6-digit code your app shows").max(64) });
const Proof = z.union([z.object({ password: z.string().min(1, "Enter your password").max(1024) }), z.object({ code: z.string().trim().min(1, "Enter a code").max(64) })]);

export async function startTotpEnrolmentAction(): Promise<ActionResult<TotpEnrolment>> {
  return runAction("secondFactor.startTotpEnrolment", async () => {
    const a = await account({ pendingAllowed: true });
    return startTotpEnrolment(a, a.issuer);
  });
}

export async function confirmTotpEnrolmentAction(input: { code: string }): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction("secondFactor.confirmTotpEnrolment", async () => confirmTotpEnrolment(await account({ pendingAllowed: true }), parseOrThrow(Code, input).code));
}

export async function regenerateRecoveryCodesAction(): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  return runAction("secondFactor.regenerateRecoveryCodes", async () => regenerateRecoveryCodes(await account({ pendingAllowed: false })));
}

export async function disableTotpAction(input: { password: string } | { code: string }): Promise<ActionResult<null>> {
  return runAction("secondFactor.disableTotp", async () => {
    await disableTotp(await account({ pendingAllowed: false }), parseOrThrow(Proof, input));
    return null;
  });
}
