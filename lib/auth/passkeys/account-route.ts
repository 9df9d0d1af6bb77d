import type { PasskeyAccount } from "@/lib/auth/passkeys/passkey-account";
import { passkeyAccount } from "@/lib/auth/passkeys/passkey-account";
import { assertSameOrigin } from "@/lib/auth/sign-in/sign-in-route";
import { clientIp } from "@/lib/http/client-ip";
import { readJsonBody } from "@/lib/http/read-body";
import { failure, success } from "@/lib/http/respond";
import { newId } from "@/lib/ids";

const BODY_BYTES = 64 * 1024;

type Handler<P> = (r: { account: PasskeyAccount; body: unknown; params: P }) => Promise<unknown>;

/**
 * A handler of the account's own passkey routes (app/api/account/passkeys):
 * the signed-in staff member (console host) or member (tenant host) behind
 * the session cookie (or, for `enrolment` routes, a session owing its second factor); changes only from a page of this same host (Origin =
 * Host); a small JSON body for POST; the usual JSON envelope.
 */
export function accountPasskeyRoute<P = Record<string, never>>(handler: Handler<P>, opts: { status?: number; /** Open to a session still owing its second factor (adding a passkey is enrolling one). */ enrolment?: boolean } = {}) {
  return async (req: Request, ctx?: { params: Promise<P> }): Promise<Response> => {
    const requestId = newId("req");
    try {
      if (req.method !== "GET") assertSameOrigin(req);
      const meta = { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent")?.slice(0, 500) ?? null, requestId };
      const account = await passkeyAccount(req.headers.get("cookie"), req.headers.get("host"), meta, { enrolment: opts.enrolment });
      const body = req.method === "POST" ? (await readJsonBody(req, BODY_BYTES)).json : undefined;
      const params = ctx ? await ctx.params : ({} as P);
      const data = await handler({ account, body, params });
      return data === undefined ? new Response(null, { status: 204, headers: { "Cache-Control": "private, no-store" } }) : success(data, { status: opts.status });
    } catch (err) {
      return failure(err, requestId);
    }
  };
}
