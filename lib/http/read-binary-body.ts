import { AppError } from "@/lib/http/errors";

/**
 * Reads a raw request body, stopping (413) as soon as it passes `maxBytes`,
 * so an oversized upload is never buffered whole.
 */
export async function readBinaryBody(req: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  const tooLarge = () => new AppError("payload_too_large", `The upload is larger than ${maxBytes} bytes`, [{ path: "(body)", message: `At most ${maxBytes} bytes` }]);
  if (declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}
