import { createHash } from "node:crypto";
import type { PathParams, RouteContract } from "@/lib/api-contracts/define-route";
import { apiRoute, type RouteContext } from "@/lib/http/api-route";
import { AppError } from "@/lib/http/errors";
import { readBinaryBody } from "@/lib/http/read-binary-body";

const ACCEPTED_TYPES = ["image/png", "image/jpeg", "image/webp", "application/octet-stream"];

type UploadHandler<P> = (ctx: RouteContext<P> & { bytes: Uint8Array }) => Promise<Response>;

/**
 * apiRoute for a raw binary body (`Content-Type: image/png|jpeg|webp` or
 * application/octet-stream; the declared type is only a gate, the bytes decide).
 * The caller is authenticated and authorised first, like any route; then the
 * body is read with the contract's maxBodyBytes as a hard cap, and a small JSON stand-in naming its digest is
 * what Idempotency-Key compares, so a key replays only for the same bytes.
 */
export function apiUploadRoute<C extends RouteContract & { maxBodyBytes: number }>(contract: C, handler: UploadHandler<PathParams<C["path"]>>) {
  const maxBytes = contract.maxBodyBytes;
  const uploads = new WeakMap<Request, Uint8Array>();
  const readBody = async (req: Request) => {
    const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (!ACCEPTED_TYPES.includes(type)) throw new AppError("unsupported_media_type", "Send the image as the raw body with Content-Type image/png, image/jpeg or image/webp");
    const bytes = await readBinaryBody(req, maxBytes);
    uploads.set(req, bytes);
    const text = JSON.stringify({ sha256: createHash("sha256").update(bytes).digest("hex"), size: bytes.byteLength });
    return { json: JSON.parse(text) as unknown, text };
  };
  return apiRoute(
    contract,
    async (ctx) => {
      const bytes = uploads.get(ctx.req);
      if (!bytes) throw new AppError("invalid_request", "The upload body is missing");
      return handler({ ...ctx, bytes });
    },
    { readBody },
  );
}
