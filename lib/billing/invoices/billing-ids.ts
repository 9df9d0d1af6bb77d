import { randomBytes } from "node:crypto";

/** Ids in the style of lib/ids.ts (a type prefix and 64 random bits), kept here so billing's prefixes stay with billing. */
export function newBillingId(prefix: "inv" | "ili" | "chg"): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}
