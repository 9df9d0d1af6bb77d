import type { z } from "zod";
import type { RequestMeta } from "@/lib/auth/caller";
import { clientIp } from "@/lib/http/client-ip";
import { parseOrThrow } from "@/lib/http/errors";
import { readJsonBody } from "@/lib/http/read-body";
import { failure } from "@/lib/http/respond";
import { newId } from "@/lib/ids";
import { assertSameOrigin } from "@/lib/http/same-origin";

const MAX_BODY = 16 * 1024;

export type PlainPostContext<I> = { req: Request; host: string; input: I; meta: RequestMeta };

/**
 * A POST route outside /api/v1 for the app's own pages (password reset, email
 * verification): same-origin only, a small JSON body checked by `schema` (a
 * 400 naming the field), answers in the API's envelope. `beforeBody` runs
 * after the origin check and before the body is read (rate limits).
 */
export function plainPostRoute<S extends z.ZodType>(schema: S, handler: (ctx: PlainPostContext<z.output<S>>) => Promise<Response>, beforeBody?: (meta: RequestMeta) => Promise<void>) {
  return async function POST(req: Request): Promise<Response> {
    const requestId = req.headers.get("x-request-id")?.slice(0, 64) || newId("req");
    try {
      const host = assertSameOrigin(req);
      const meta: RequestMeta = { ip: clientIp(req.headers), userAgent: req.headers.get("user-agent"), requestId };
      await beforeBody?.(meta);
      const { json } = await readJsonBody(req, MAX_BODY);
      const input = parseOrThrow(schema, json);
      const res = await handler({ req, host, input, meta });
      res.headers.set("X-Request-Id", requestId);
      return res;
    } catch (err) {
      return failure(err, requestId);
    }
  };
}
