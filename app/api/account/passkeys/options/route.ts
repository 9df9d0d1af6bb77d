import { accountPasskeyRoute } from "@/lib/auth/passkeys/account-route";
import { startPasskeyRegistration } from "@/lib/auth/passkeys/start-passkey-registration";

/** Options for navigator.credentials.create() on this host, and the `state` to send back with the answer. */
export const POST = accountPasskeyRoute(({ account }) => startPasskeyRegistration(account), { enrolment: true });
