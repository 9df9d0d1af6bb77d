import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { env } from "@/lib/env";

/**
 * Where archives live: files under EXPORT_DIR, addressed by a key made of the
 * tenant and job ids only (never caller input), so a key cannot leave the
 * directory. Backups (lib/backups) keep their own storage with S3; exports are
 * short-lived hand-overs, downloaded through a signed link soon after they are made.
 */
export const exportKey = (tenantId: string, jobId: string) => `${tenantId}/${jobId}.tar.gz`;

function resolve(key: string): string {
  const root = path.resolve(env.exportDir);
  const full = path.resolve(root, key);
  if (!full.startsWith(root + path.sep)) throw new Error(`export key outside EXPORT_DIR: ${key}`);
  return full;
}

export async function exportWriteStream(key: string): Promise<Writable> {
  const full = resolve(key);
  await mkdir(path.dirname(full), { recursive: true });
  return createWriteStream(full);
}

/** The stored archive and its size, or null when it is gone. */
export async function openExport(key: string): Promise<{ stream: Readable; bytes: number } | null> {
  const full = resolve(key);
  const s = await stat(full).catch(() => null);
  if (!s) return null;
  return { stream: createReadStream(full), bytes: s.size };
}

export async function removeExport(key: string): Promise<void> {
  await rm(resolve(key), { force: true });
}
