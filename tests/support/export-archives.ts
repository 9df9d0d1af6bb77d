import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { createGunzip, gzipSync } from "node:zlib";
import tar from "tar-stream";

/** Every entry of a gzipped tar, in order (test archives are small). */
export async function unpack(archive: Buffer): Promise<{ name: string; content: Buffer }[]> {
  const extract = tar.extract();
  Readable.from([archive]).pipe(createGunzip()).pipe(extract);
  const out: { name: string; content: Buffer }[] = [];
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    out.push({ name: entry.header.name, content: Buffer.concat(chunks) });
  }
  return out;
}

export async function repack(entries: { name: string; content: Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, size: e.content.length }, e.content);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

/**
 * An altered archive: `edit` changes entries (by name); with `fixManifest`,
 * the manifest's sha256/bytes/rows are recomputed so only the content is wrong
 * (what an attacker or a broken tool could produce), not the checksums.
 */
export async function alterArchive(archive: Buffer, edit: (entries: Map<string, Buffer>) => void, fixManifest = false): Promise<Buffer> {
  const entries = await unpack(archive);
  const map = new Map(entries.map((e) => [e.name, e.content]));
  edit(map);
  if (fixManifest) {
    const manifest = JSON.parse(map.get("manifest.json")!.toString()) as { files: { path: string; sha256: string; bytes: number }[] };
    for (const f of manifest.files) {
      const c = map.get(f.path);
      if (!c) continue;
      f.sha256 = createHash("sha256").update(c).digest("hex");
      f.bytes = c.length;
    }
    map.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
  }
  return repack([...map].map(([name, content]) => ({ name, content })));
}
