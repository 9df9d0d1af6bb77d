import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import tar from "tar-stream";
import { CONTROL_FILE, MANIFEST, manifestSchema, SCHEMA_FILE, TABLE_FILE, type Manifest } from "@/lib/exports/archive-format";
import { AppError, type ErrorDetail } from "@/lib/http/errors";

/** Control-plane files and the manifest are read into memory; past this the archive is not one Atrium made. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;
const MAX_HEADER_BYTES = 64 * 1024;

export const invalidArchive = (message: string, details: ErrorDetail[] = []) => new AppError("invalid_archive", message, details);

/**
 * Calls `fn` with each entry of a gzipped tar, in archive order, as a stream
 * (which `fn` must consume). A file that is not gzip or not tar is refused as invalid_archive.
 */
export async function forEachEntry(file: string, fn: (name: string, type: string, stream: Readable) => Promise<void>): Promise<void> {
  const extract = tar.extract();
  const source = createReadStream(file).pipe(createGunzip());
  source.on("error", (err) => extract.destroy(err));
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      await fn(entry.header.name, entry.header.type ?? "file", entry as unknown as Readable);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalidArchive(`The file is not an export archive (a gzipped tar): ${(err as Error).message}`);
  } finally {
    source.destroy();
  }
}

/** The fields of one CSV line (RFC 4180 quoting), for a table file's header row. */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted && ch === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === "," && !quoted) {
      out.push(field);
      field = "";
    } else {
      field += ch;
    }
  }
  out.push(field);
  return out;
}

export type VerifiedArchive = {
  manifest: Manifest;
  /** Each control-plane file's lines, by entity. */
  control: Map<string, string[]>;
  /** Each table file's header columns, by table, in archive order. */
  tables: Map<string, string[]>;
};

/**
 * The first pass over an uploaded archive: every entry's SHA-256 and size
 * against the manifest, every file the manifest lists present and nothing
 * else, control-plane lines counted. Nothing is written; any mismatch is one
 * invalid_archive naming every file at fault.
 */
export async function verifyArchive(file: string): Promise<VerifiedArchive> {
  const seen = new Map<string, { sha256: string; bytes: number; lines?: string[]; header?: string[] }>();
  let manifestText: string | null = null;
  let textBytes = 0;
  const problems: ErrorDetail[] = [];
  await forEachEntry(file, async (name, type, stream) => {
    const isControl = CONTROL_FILE.test(name);
    const isTable = TABLE_FILE.test(name);
    if (type !== "file" || (name !== MANIFEST && name !== SCHEMA_FILE && !isControl && !isTable)) throw invalidArchive(`Unexpected entry in the archive: ${name.slice(0, 200)}`, [{ path: name.slice(0, 200), message: "Not part of an export archive" }]);
    if (seen.has(name) || (name === MANIFEST && manifestText !== null)) throw invalidArchive(`The archive holds ${name} twice`, [{ path: name, message: "Duplicate entry" }]);
    const hash = createHash("sha256");
    let bytes = 0;
    const kept: Buffer[] = [];
    let headerBuf = "";
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      if (name === MANIFEST || isControl) {
        textBytes += chunk.length;
        if (textBytes > MAX_TEXT_BYTES) throw invalidArchive("The archive's manifest and control-plane files are larger than an export can be");
        kept.push(chunk);
      } else if (isTable && !headerBuf.includes("\n") && headerBuf.length < MAX_HEADER_BYTES) {
        headerBuf += chunk.toString("utf8", 0, Math.min(chunk.length, MAX_HEADER_BYTES));
      }
    }
    if (name === MANIFEST) {
      manifestText = Buffer.concat(kept).toString("utf8");
      return;
    }
    const text = isControl ? Buffer.concat(kept).toString("utf8") : null;
    const newline = headerBuf.indexOf("\n");
    seen.set(name, {
      sha256: hash.digest("hex"),
      bytes,
      ...(text !== null ? { lines: text.split("\n").filter((l) => l.length > 0) } : { header: newline >= 0 ? parseCsvLine(headerBuf.slice(0, newline).replace(/\r$/, "")) : [] }),
    });
  });
  if (manifestText === null) throw invalidArchive("The archive has no manifest.json", [{ path: MANIFEST, message: "Missing" }]);
  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(manifestText));
    if (!parsed.success) throw invalidArchive(`manifest.json: ${parsed.error.issues[0].path.join(".")}: ${parsed.error.issues[0].message}`, [{ path: MANIFEST, message: "Not an Atrium export manifest (format_version 1)" }]);
    manifest = parsed.data;
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalidArchive("manifest.json is not valid JSON", [{ path: MANIFEST, message: "Not valid JSON" }]);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const got = seen.get(f.path);
    if (!got) problems.push({ path: f.path, message: "Listed in the manifest but missing from the archive" });
    else if (got.sha256 !== f.sha256 || got.bytes !== f.bytes) problems.push({ path: f.path, message: "SHA-256 or size differs from the manifest (corrupted or altered)" });
    else if (got.lines && got.lines.length !== f.rows) problems.push({ path: f.path, message: `Holds ${got.lines.length} rows, the manifest says ${f.rows}` });
  }
  for (const name of seen.keys()) if (!listed.has(name)) problems.push({ path: name, message: "Not listed in the manifest" });
  if (problems.length) throw invalidArchive(`The archive failed verification: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
  const control = new Map<string, string[]>();
  const tables = new Map<string, string[]>();
  for (const [name, v] of seen) {
    if (v.lines) control.set(CONTROL_FILE.exec(name)![1], v.lines);
    else if (TABLE_FILE.test(name)) tables.set(TABLE_FILE.exec(name)![1], v.header ?? []);
  }
  return { manifest, control, tables };
}
