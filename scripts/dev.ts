// `npm run dev`: embedded PostgreSQL (or DATABASE_URL), migrations, demo data,
// then `next dev` on http://localhost:3000 with the sign-in printed.
import { spawn } from "node:child_process";
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "./lib/database";
import { devCredentials } from "./lib/dev-credentials";

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
await migrate(database.url, { log: (m) => console.log(`[db] ${m}`) });
const creds = await devCredentials();
const { seedDemo } = await import("@/lib/seed/seed-demo");
await seedDemo({ adminEmail: creds.adminEmail, adminPassword: creds.adminPassword, staffPassword: creds.staffPassword, log: (m) => console.log(`[seed] ${m}`) });
const { closePools } = await import("@/lib/db/pools");
await closePools();

const port = process.env.PORT ?? "3000";
const root = process.env.APP_ROOT_DOMAIN ?? `localhost:${port}`;
const next = spawn("node_modules/.bin/next", ["dev", "-p", port], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: database.url, APP_ROOT_DOMAIN: root, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? creds.nextAuthSecret, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" },
});

console.log(`
  Atrium console   http://${root}
  Sign in          ${creds.adminEmail} / ${creds.adminPassword}
  Also             operator@atrium.local, auditor@atrium.local / ${creds.staffPassword}
  Tenant portals   http://acme.${root}  http://globex.${root}  http://initech.${root} (suspended)
`);

const stop = async () => {
  next.kill("SIGTERM");
  await database.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
next.on("exit", async (code) => {
  await database.stop();
  process.exit(code ?? 0);
});
