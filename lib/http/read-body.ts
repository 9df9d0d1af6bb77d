import { AppError, assertStorableText } from "@/lib/http/errors";

export const MAX_BODY_BYTES = 1024 * 1024;

/** Reads a JSON body of at most `max` bytes (1 MB unless a route says otherwise); any malformation becomes a 4xx AppError. */
export async function readJsonBody(req: Request, max = MAX_BODY_BYTES): Promise<{ json: unknown; text: string }> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > max) throw new AppError("payload_too_large", `Request body is larger than ${max} bytes`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        await reader.cancel();
        throw new AppError("payload_too_large", `Request body is larger than ${max} bytes`);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return { json: {}, text };
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw new AppError("unsupported_media_type", "Send the body as application/json");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new AppError("invalid_json", `Request body is not valid JSON: ${(err as Error).message}`);
  }
  // "\u0000" and lone "\ud800" escapes are valid JSON but not storable text.
  assertStorableText(json);
  return { json, text };
}
