import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";

const FILE = ".data/dev-credentials.json";
export type DevCredentials = { adminEmail: string; adminPassword: string; staffPassword: string; nextAuthSecret: string };

/** Generated on first run and kept in .data/ (git-ignored): nothing secret is committed. */
export async function devCredentials(): Promise<DevCredentials> {
  if (existsSync(FILE)) return JSON.parse(await readFile(FILE, "utf8")) as DevCredentials;
  const creds: DevCredentials = {
    adminEmail: "admin@atrium.local",
    adminPassword: randomBytes(12).toString("base64url"),
    staffPassword: randomBytes(12).toString("base64url"),
    nextAuthSecret: randomBytes(32).toString("base64url"),
  };
  await mkdir(".data", { recursive: true });
  await writeFile(FILE, JSON.stringify(creds, null, 2), { mode: 0o600 });
  return creds;
}
