import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { env } from "@/lib/env";

/**
 * Where backup (and export) archives live: a directory per archive, each file
 * written from a stream and read back as one, so nothing is held in memory
 * whole. Local disk (BACKUP_DIR) by default; an S3-compatible bucket when
 * BACKUP_S3_URL is set. Keys are relative ("<tenant id>/<backup id>/manifest.json").
 */
export interface BackupStorage {
  /** What the archive's `storage_path` says: file:///abs/dir/<key> or s3://bucket/prefix/<key>. */
  url(key: string): string;
  /** The location itself (without a key), for `storage_location`. */
  readonly location: string;
  write(key: string, body: Readable): Promise<void>;
  read(key: string): Promise<Readable>;
  /** Deletes every object under the prefix (a whole archive). */
  removePrefix(prefix: string): Promise<void>;
}

class LocalStorage implements BackupStorage {
  readonly location: string;
  constructor(private readonly root: string) {
    this.location = `file://${root}`;
  }
  private full(key: string): string {
    const p = path.resolve(this.root, key);
    // Keys are built by Atrium from ids, but a path outside the root must never be touched.
    if (!p.startsWith(this.root + path.sep)) throw new Error(`storage key escapes BACKUP_DIR: ${key}`);
    return p;
  }
  url(key: string) {
    return `file://${this.full(key)}`;
  }
  async write(key: string, body: Readable) {
    const p = this.full(key);
    await mkdir(path.dirname(p), { recursive: true });
    await pipeline(body, createWriteStream(p));
  }
  async read(key: string) {
    const p = this.full(key);
    await stat(p); // a missing file is an error here, not a later stream event
    return createReadStream(p, { highWaterMark: 256 * 1024 });
  }
  async removePrefix(prefix: string) {
    await rm(this.full(prefix), { recursive: true, force: true });
    // Drop the tenant's directory once its last archive is gone.
    const parent = path.dirname(this.full(prefix));
    if (parent !== this.root && (await readdir(parent).catch(() => ["?"])).length === 0) await rm(parent, { recursive: true, force: true });
  }
}

/** s3://bucket/prefix?endpoint=http://127.0.0.1:4569&region=us-east-1&force_path_style=true */
export function parseS3Url(raw: string): { bucket: string; prefix: string; endpoint?: string; region: string; forcePathStyle: boolean } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new Error("BACKUP_S3_URL must look like s3://bucket/prefix");
  }
  if (u.protocol !== "s3:" || !u.hostname) throw new Error("BACKUP_S3_URL must look like s3://bucket/prefix");
  const endpoint = u.searchParams.get("endpoint") ?? undefined;
  return {
    bucket: u.hostname,
    prefix: u.pathname.replace(/^\/+|\/+$/g, ""),
    endpoint,
    region: u.searchParams.get("region") ?? process.env.AWS_REGION ?? "us-east-1",
    forcePathStyle: u.searchParams.get("force_path_style") === "true" || endpoint !== undefined,
  };
}

class S3Storage implements BackupStorage {
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  constructor(raw: string) {
    const c = parseS3Url(raw);
    this.bucket = c.bucket;
    this.prefix = c.prefix;
    this.location = `s3://${c.bucket}${c.prefix ? `/${c.prefix}` : ""}`;
    // Credentials come from the SDK's usual chain (AWS_ACCESS_KEY_ID…, a profile, an instance role).
    this.client = new S3Client({ region: c.region, endpoint: c.endpoint, forcePathStyle: c.forcePathStyle });
  }
  private key(key: string) {
    return this.prefix ? `${this.prefix}/${key}` : key;
  }
  url(key: string) {
    return `s3://${this.bucket}/${this.key(key)}`;
  }
  async write(key: string, body: Readable) {
    // Multipart upload of 5 MB parts, at most 2 in flight: memory stays bounded whatever the file's size.
    await new Upload({ client: this.client, params: { Bucket: this.bucket, Key: this.key(key), Body: body }, queueSize: 2, partSize: 5 * 1024 * 1024 }).done();
  }
  async read(key: string) {
    const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
    if (!(r.Body instanceof Readable)) throw new Error(`S3 answered no stream for ${key}`);
    return r.Body;
  }
  async removePrefix(prefix: string) {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.key(prefix)}/`, ContinuationToken: token }));
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length) await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: keys } }));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

const globals = globalThis as unknown as { __atriumBackupStorage?: { config: string; storage: BackupStorage } };

/** The configured storage (read from the environment each call, kept while the configuration is unchanged). */
export function backupStorage(): BackupStorage {
  const s3 = env.backupS3Url;
  const config = s3 ?? `file:${path.resolve(env.backupDir)}`;
  if (globals.__atriumBackupStorage?.config !== config) {
    globals.__atriumBackupStorage = { config, storage: s3 ? new S3Storage(s3) : new LocalStorage(path.resolve(env.backupDir)) };
  }
  return globals.__atriumBackupStorage.storage;
}
