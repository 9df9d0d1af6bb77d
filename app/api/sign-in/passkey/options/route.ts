import { relyingPartyFor } from "@/lib/auth/passkeys/relying-party";
import { startPasskeySignIn } from "@/lib/auth/passkeys/start-passkey-sign-in";
import { signInRoute } from "@/lib/auth/sign-in/sign-in-route";
import { passkeySignInOptionsBody } from "@/lib/schemas/passkeys";

/** Options for navigator.credentials.get(): `{ challenge }` for a second factor after the password, `{}` for a passwordless sign-in. */
export const POST = signInRoute(passkeySignInOptionsBody, async ({ site, body, ip }) => startPasskeySignIn(await relyingPartyFor(site.host), body, ip));
