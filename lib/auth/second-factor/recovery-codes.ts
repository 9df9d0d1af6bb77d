import { createHash, randomBytes } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32 without I, L, O, U: nothing to confuse when read off paper.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 12 characters × 5 bits = 60 bits each, shown as XXXX-XXXX-XXXX. */
const LENGTH = 12;

/** Fresh codes as shown to the person once (grouped for reading). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(LENGTH);
    const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
  });
}

/** Upper case, separators and spaces dropped, look-alikes mapped; null when it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]+/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  return s.length === LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/** Codes carry 60 random bits, so a plain digest is enough (no slow hash needed). */
export function hashRecoveryCode(normalized: string): string {
  return createHash("sha256").update(normalized).digest("hex");
}
