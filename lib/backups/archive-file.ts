import { createHash, type Hash } from "node:crypto";
import { PassThrough, Transform, type Readable, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { decryptStream, encryptStream } from "@/lib/backups/crypto-stream";
import type { BackupStorage } from "@/lib/backups/storage";

/** Counts and hashes what flows through, unchanged. */
class Meter extends Transform {
  bytes = 0;
  lines = 0;
  private readonly hash: Hash = createHash("sha256");
  constructor(private readonly countLines = false) {
    super();
  }
  _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback) {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    if (this.countLines) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.lines++;
    cb(null, chunk);
  }
  digest(): string {
    return this.hash.digest("hex");
  }
}

export type FileCoding = { compression: boolean; key: Buffer | null; aad: string };
export type WrittenFile = { bytes: number; raw_bytes: number; sha256: string; raw_sha256: string; lines: number };

/**
 * Streams `source` through gzip and AES-256-GCM (each when asked) into
 * storage, hashing both the original bytes (to compare a restored table
 * with) and the stored bytes (the manifest's checksum, checkable without the key).
 */
export async function writeArchiveFile(storage: BackupStorage, key: string, source: Readable, coding: FileCoding, countLines = false): Promise<WrittenFile> {
  const raw = new Meter(countLines);
  const stored = new Meter();
  const stages: NodeJS.ReadWriteStream[] = [raw];
  if (coding.compression) stages.push(createGzip({ level: 1 }));
  if (coding.key) stages.push(encryptStream(coding.key, coding.aad));
  stages.push(stored);
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  await Promise.all([pipeline([source, ...stages, out] as unknown as [Readable, NodeJS.WritableStream]), storage.write(key, out)]);
  return { bytes: stored.bytes, raw_bytes: raw.bytes, sha256: stored.digest(), raw_sha256: raw.digest(), lines: raw.lines };
}

/** SHA-256 of a stored file's bytes as they are (no key needed). */
export async function hashStoredFile(storage: BackupStorage, key: string): Promise<{ sha256: string; bytes: number }> {
  const m = new Meter();
  const sink = new PassThrough();
  sink.resume();
  await pipeline(await storage.read(key), m, sink);
  return { sha256: m.digest(), bytes: m.bytes };
}

/**
 * The original bytes of a stored file. With `expectSha256` the stored bytes
 * are hashed on the way and the stream fails at its end when they differ, so
 * a consumer inside a transaction rolls back rather than keep a changed file's rows.
 */
export async function readArchiveFile(storage: BackupStorage, key: string, coding: FileCoding, expectSha256?: string): Promise<Readable> {
  const source = await storage.read(key);
  const stored = new Meter();
  const check = new Transform({
    transform(chunk, _enc, cb) {
      cb(null, chunk);
    },
    flush(cb) {
      const got = stored.digest();
      cb(expectSha256 && got !== expectSha256 ? new Error(`checksum mismatch for ${key}: stored file has sha256 ${got}, manifest says ${expectSha256}`) : null);
    },
  });
  const stages: NodeJS.ReadWriteStream[] = [stored, check];
  if (coding.key) stages.push(decryptStream(coding.key, coding.aad));
  if (coding.compression) stages.push(createGunzip());
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  pipeline([source, ...stages, out] as unknown as [Readable, NodeJS.WritableStream]).catch((err: Error) => out.destroy(err));
  return out;
}
