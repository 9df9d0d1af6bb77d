import { accountPasskeyRoute } from "@/lib/auth/passkeys/account-route";
import { removePasskey } from "@/lib/auth/passkeys/remove-passkey";

/** Removes one of the account's passkeys on this host (after a recent sign-in or re-authentication). */
export const DELETE = accountPasskeyRoute<{ id: string }>(async ({ account, params }) => {
  await removePasskey(account, params.id);
  return undefined;
});
