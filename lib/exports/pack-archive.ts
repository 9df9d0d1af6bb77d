import { createReadStream } from "node:fs";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import tar from "tar-stream";
import { digestStream } from "@/lib/exports/tenant-tables";

export type PackedFile = { name: string; file: string; bytes: number } | { name: string; content: Buffer };

/**
 * Writes the files, in order, as one gzipped tar into `out`, streaming each
 * from disk (tar needs each entry's size up front, which is why the parts are
 * files first). Returns the archive's size and SHA-256 as written.
 */
export async function packArchive(files: PackedFile[], out: Writable): Promise<{ bytes: number; sha256: string }> {
  const pack = tar.pack();
  const digest = digestStream();
  const written = pipeline(pack, createGzip(), digest.stream, out);
  for (const f of files) {
    if ("content" in f) {
      await new Promise<void>((resolve, reject) => pack.entry({ name: f.name, size: f.content.length, mode: 0o644 }, f.content, (err) => (err ? reject(err) : resolve())));
    } else {
      const entry = pack.entry({ name: f.name, size: f.bytes, mode: 0o644 });
      await pipeline(createReadStream(f.file), entry);
    }
  }
  pack.finalize();
  await written;
  return digest.result();
}
