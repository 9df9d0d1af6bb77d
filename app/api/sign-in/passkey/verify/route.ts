import { finishPasskeySignIn } from "@/lib/auth/passkeys/finish-passkey-sign-in";
import { relyingPartyFor } from "@/lib/auth/passkeys/relying-party";
import { signInRoute } from "@/lib/auth/sign-in/sign-in-route";
import { passkeySignInVerifyBody } from "@/lib/schemas/passkeys";

/** Checks the passkey's answer (`{ state, response }`, plus `challenge` as a second factor) and answers `{ ticket }` for completeSignIn. */
export const POST = signInRoute(passkeySignInVerifyBody, async ({ site, body, ip, userAgent }) => finishPasskeySignIn(await relyingPartyFor(site.host), body, { ip, userAgent }));
