import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/http/errors";

const ACCEPTED_TYPES = ["application/gzip", "application/x-gzip", "application/octet-stream", "application/x-tar"];

/**
 * Streams an uploaded archive to a private temporary file (the import reads
 * it twice: verify, then load), stopping with 413 as soon as it passes
 * `maxBytes`. Returns the file and a function that removes it.
 */
export async function receiveArchive(req: Request, maxBytes: number): Promise<{ file: string; bytes: number; sha256: string; cleanup: () => Promise<void> }> {
  const type = (req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (!ACCEPTED_TYPES.includes(type)) throw new AppError("unsupported_media_type", "Send the export archive as the raw body with Content-Type application/gzip (or application/octet-stream)");
  const tooLarge = () => new AppError("payload_too_large", `The archive is larger than ${maxBytes} bytes`, [{ path: "(body)", message: `At most ${maxBytes} bytes` }]);
  if (Number(req.headers.get("content-length") ?? "0") > maxBytes) throw tooLarge();
  if (!req.body) throw new AppError("invalid_request", "The archive is missing: send it as the request body", [{ path: "(body)", message: "Required" }]);
  const dir = await mkdtemp(path.join(tmpdir(), "atrium-import-"));
  const file = path.join(dir, "archive.tar.gz");
  const cleanup = () => rm(dir, { recursive: true, force: true });
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    await pipeline(
      Readable.fromWeb(req.body as import("node:stream/web").ReadableStream),
      new Transform({
        transform(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          if (bytes > maxBytes) return cb(tooLarge());
          hash.update(chunk);
          cb(null, chunk);
        },
      }),
      createWriteStream(file, { mode: 0o600 }),
    );
  } catch (err) {
    await cleanup();
    throw err;
  }
  if (bytes === 0) {
    await cleanup();
    throw new AppError("invalid_request", "The archive is empty", [{ path: "(body)", message: "Required" }]);
  }
  return { file, bytes, sha256: hash.digest("hex"), cleanup };
}
