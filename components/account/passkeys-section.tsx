import "server-only";
import { cookies, headers } from "next/headers";
import { PasskeysPanel } from "@/components/account/passkeys-panel";
import { Alert } from "@/components/ui/alert";
import { listPasskeys } from "@/lib/auth/passkeys/list-passkeys";
import { passkeyAccount, type PasskeyAccount } from "@/lib/auth/passkeys/passkey-account";
import { clientIp } from "@/lib/http/client-ip";
import { AppError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { requestTime } from "@/lib/request-time";

/** The account behind this request, or why it may not manage passkeys here (a support session). */
async function accountOrRefusal(): Promise<PasskeyAccount | AppError> {
  const h = await headers();
  const meta = { ip: clientIp(h), userAgent: h.get("user-agent"), requestId: newId("req") };
  try {
    return await passkeyAccount((await cookies()).toString(), h.get("host"), meta);
  } catch (err) {
    if (err instanceof AppError && err.status === 403) return err;
    throw err;
  }
}

/**
 * The Passkeys section of the account Security page, on the console and on
 * every portal: the signed-in account's passkeys for this host, read on the
 * server for the first screen.
 */
export async function PasskeysSection() {
  const account = await accountOrRefusal();
  if (account instanceof AppError) return <Alert tone="info">{account.message}</Alert>;
  return <PasskeysPanel initial={await listPasskeys(account)} rpId={account.rp.rpId} now={requestTime()} />;
}
