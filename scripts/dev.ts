// `npm run dev`: embedded PostgreSQL (or DATABASE_URL), migrations, demo data,
// then `next dev` on http://localhost:3000 with the sign-in printed.
import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "./lib/database";
import { devCredentials } from "./lib/dev-credentials";
import { runNext } from "./lib/run-next";

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
runNext("dev", { port, database, env: { APP_ROOT_DOMAIN: root, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? creds.nextAuthSecret } });

console.log(`
  Atrium console   http://${root}
  Sign in          ${creds.adminEmail} / ${creds.adminPassword}
  Also             operator@atrium.local, auditor@atrium.local / ${creds.staffPassword}
  Tenant portals   http://acme.${root}  http://globex.${root}  http://initech.${root} (suspended)
  Portal sign-in   owner@acme.example, jane@acme.example (admin), victor@acme.example (viewer), … / ${creds.staffPassword}
  Outbox           http://${root}/outbox (invitation mail, while SMTP_URL is unset)
`);
