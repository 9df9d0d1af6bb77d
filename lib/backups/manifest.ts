import { createHash } from "node:crypto";
import type { BackupStorage } from "@/lib/backups/storage";

/** The archive's table of contents (manifest.json, stored as is: it is read before any key is needed). */
export const MANIFEST_FORMAT_VERSION = 1;
export const MANIFEST_FILE = "manifest.json";

export type ManifestFile = {
  /** Path inside the archive: control-plane.ndjson, schema.json, data/<table>.copy, files/<asset>. */
  name: string;
  kind: "control_plane" | "schema" | "table_data" | "asset";
  table?: string;
  /** SHA-256 and size of the stored bytes (after gzip and encryption). */
  sha256: string;
  bytes: number;
  /** SHA-256 and size of the original bytes (a table's COPY text output). */
  raw_sha256: string;
  raw_bytes: number;
  rows?: number;
};

export type Manifest = {
  format_version: number;
  backup_id: string;
  tenant_id: string;
  tenant_slug: string;
  schema_name: string;
  created_at: string;
  backup_type: "full" | "schema_only" | "data_only";
  compression: "gzip" | null;
  encryption: "aes-256-gcm" | null;
  /** Each table's COPY columns, in order, and which hold timestamps (selective date_range). */
  tables: { name: string; rows: number | null; columns: { name: string; type: string }[]; timestamp_columns: string[] }[];
  files: ManifestFile[];
};

/** Stored name of a file (its archive name plus the codings' suffixes). */
export function storedName(name: string, m: Pick<Manifest, "compression" | "encryption">): string {
  return `${name}${m.compression ? ".gz" : ""}${m.encryption ? ".enc" : ""}`;
}

export function manifestBytes(m: Manifest): Buffer {
  return Buffer.from(JSON.stringify(m, null, 2));
}

export const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

export async function readManifest(storage: BackupStorage, prefix: string): Promise<{ manifest: Manifest; checksum: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of await storage.read(`${prefix}/${MANIFEST_FILE}`)) {
    size += (c as Buffer).length;
    if (size > 16 * 1024 * 1024) throw new Error("manifest.json is larger than 16 MB");
    chunks.push(c as Buffer);
  }
  const raw = Buffer.concat(chunks);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(raw.toString("utf8")) as Manifest;
  } catch {
    throw new Error("manifest.json is not valid JSON");
  }
  if (manifest.format_version !== MANIFEST_FORMAT_VERSION || !Array.isArray(manifest.files) || !Array.isArray(manifest.tables)) throw new Error("manifest.json is not an Atrium backup manifest of a known format");
  return { manifest, checksum: `sha256:${sha256(raw)}` };
}
