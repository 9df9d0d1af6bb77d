import { randomBytes } from "node:crypto";

/** Public ids look like the seed's (`tenant_1234567890abcdef`): a type prefix and 64 random bits. */
export function newId(prefix: "tenant" | "user" | "key" | "evt" | "req" | "scale" | "check" | "notice" | "mig" | "exp" | "imp" | "bop" | "ntf" | "bct"): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}
