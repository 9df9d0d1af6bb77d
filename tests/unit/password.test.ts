import { randomBytes, scryptSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

// scrypt at the production cost (64 MiB) takes about half a second: hash once.
const PASSWORD = "caf\u00e9 au lait, correct horse";
let hash: string;
beforeAll(async () => {
  hash = await hashPassword(PASSWORD);
});

describe.concurrent("password hashing", () => {
  it("stores scrypt parameters, salt and key, never the password", () => {
    expect(hash).toMatch(/^scrypt\$65536\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(hash).not.toContain("correct horse");
  });

  it("round-trips", async () => {
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
  });

  it("refuses a wrong password", async () => {
    expect(await verifyPassword("Caf\u00e9 au lait, correct horse", hash)).toBe(false);
  });

  it("treats a Unicode password in another normal form as the same password (NFKC)", async () => {
    expect(await verifyPassword("cafe\u0301 au lait, correct horse", hash)).toBe(true);
  });

  it("salts every hash", async () => {
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(hash);
    expect(again.split("$")[4]).not.toBe(hash.split("$")[4]);
  });

  it("says no for a missing or malformed stored hash", async () => {
    expect(await verifyPassword("anything at all", null)).toBe(false);
    expect(await verifyPassword("anything at all", "not-a-hash")).toBe(false);
    expect(await verifyPassword("anything at all", "bcrypt$1$2$3$4$5")).toBe(false);
  });

  it("verifies against the parameters stored in the hash (cheaper legacy parameters still work)", async () => {
    const salt = randomBytes(16);
    const key = scryptSync("legacy password!", salt, 32, { N: 1024, r: 8, p: 1 });
    const legacy = `scrypt$1024$8$1$${salt.toString("base64url")}$${key.toString("base64url")}`;
    expect(await verifyPassword("legacy password!", legacy)).toBe(true);
    expect(await verifyPassword("legacy password?", legacy)).toBe(false);
  });
});
