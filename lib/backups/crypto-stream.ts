import { createCipheriv, createDecipheriv, randomBytes, type DecipherGCM } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";

/**
 * AES-256-GCM for archive files, streamed: MAGIC, a random 12-byte IV, the
 * ciphertext, then the 16-byte tag. The file's name in the archive is the
 * additional authenticated data, so files cannot be swapped between names or
 * archives without the tag failing.
 */
const MAGIC = Buffer.from("ATRBKv1\n");
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encryptStream(key: Buffer, aad: string): Transform {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  let headerSent = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!headerSent) {
        this.push(Buffer.concat([MAGIC, iv]));
        headerSent = true;
      }
      cb(null, cipher.update(chunk));
    },
    flush(cb: TransformCallback) {
      if (!headerSent) this.push(Buffer.concat([MAGIC, iv]));
      this.push(cipher.final());
      cb(null, cipher.getAuthTag());
    },
  });
}

/** The inverse; fails (stream error) on a wrong key, a changed byte or a truncated file. */
export function decryptStream(key: Buffer, aad: string): Transform {
  let head = Buffer.alloc(0);
  let decipher: DecipherGCM | null = null;
  // The last TAG_BYTES seen so far: the tag is only known at the end.
  let tail = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      try {
        if (!decipher) {
          head = Buffer.concat([head, chunk]);
          if (head.length < MAGIC.length + IV_BYTES) return cb();
          if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error("not an Atrium encrypted backup file");
          decipher = createDecipheriv("aes-256-gcm", key, head.subarray(MAGIC.length, MAGIC.length + IV_BYTES));
          decipher.setAAD(Buffer.from(aad));
          chunk = head.subarray(MAGIC.length + IV_BYTES);
        }
        const all = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        const cut = Math.max(0, all.length - TAG_BYTES);
        tail = Buffer.from(all.subarray(cut));
        cb(null, cut > 0 ? decipher.update(all.subarray(0, cut)) : undefined);
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        if (!decipher || tail.length !== TAG_BYTES) throw new Error("encrypted backup file is truncated");
        decipher.setAuthTag(tail);
        cb(null, decipher.final());
      } catch (err) {
        cb(new Error(`decryption failed (wrong BACKUP_ENCRYPTION_KEY or a changed file): ${(err as Error).message}`));
      }
    },
  });
}
