import { createHash } from "node:crypto";
import { apiRoute, requestMeta, resolveCaller, type RouteContext } from "@/lib/http/api-route";
import { AppError } from "@/lib/http/errors";
import { readBinaryBody } from "@/lib/http/read-binary-body";
import { failure } from "@/lib/http/respond";
import { newId } from "@/lib/ids";

const ACCEPTED_TYPES = ["image/png", "image/jpeg", "image/webp", "application/octet-stream"];

type UploadHandler<P> = (ctx: RouteContext<P> & { bytes: Uint8Array }) => Promise<Response>;

/**
 * apiRoute for a raw binary body (`Content-Type: image/png|jpeg|webp` or
 * application/octet-stream; the declared type is only a gate, the bytes decide).
 * The caller is authenticated first, then the body is read with a hard cap,
 * then apiRoute runs as for any POST — caller, Origin check, errors — over a
 * small JSON stand-in naming the body's digest, so an Idempotency-Key replays
 * only for the same bytes.
 */
export function apiUploadRoute<P>(maxBytes: number, handler: UploadHandler<P>) {
  const uploads = new WeakMap<Request, Uint8Array>();
  const inner = apiRoute<P>(async (ctx) => {
    const bytes = uploads.get(ctx.req);
    if (!bytes) throw new AppError("invalid_request", "The upload body is missing");
    return handler({ ...ctx, bytes });
  });
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    let bytes: Uint8Array;
    const requestId = req.headers.get("x-request-id")?.slice(0, 64) || newId("req");
    try {
      // Who asks is settled before the body is looked at, as on every other route (apiRoute asks again; it is cheap).
      await resolveCaller(req, requestMeta(req, requestId));
      const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
      if (!ACCEPTED_TYPES.includes(type)) throw new AppError("unsupported_media_type", "Send the image as the raw body with Content-Type image/png, image/jpeg or image/webp");
      bytes = await readBinaryBody(req, maxBytes);
    } catch (err) {
      return failure(err, requestId);
    }
    const headers = new Headers(req.headers);
    headers.set("content-type", "application/json");
    headers.set("x-request-id", requestId);
    headers.delete("content-length");
    const standIn = new Request(req.url, {
      method: req.method,
      headers,
      body: JSON.stringify({ sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength }),
    });
    uploads.set(standIn, bytes);
    return inner(standIn, ctx);
  };
}
