import { accountPasskeyRoute } from "@/lib/auth/passkeys/account-route";
import { finishPasskeyRegistration } from "@/lib/auth/passkeys/finish-passkey-registration";
import { listPasskeys } from "@/lib/auth/passkeys/list-passkeys";

/** The signed-in account's passkeys on this host. */
export const GET = accountPasskeyRoute(async ({ account }) => ({ passkeys: await listPasskeys(account) }));

/** Registers a passkey: `{ state, name, response }`, the answer to the options of POST …/options. */
export const POST = accountPasskeyRoute(async ({ account, body }) => ({ passkey: await finishPasskeyRegistration(account, body) }), { status: 201, enrolment: true });
