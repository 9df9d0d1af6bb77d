import { migrate } from "@/lib/db/migrate";
import { openDatabase } from "./lib/database";
import { devCredentials } from "./lib/dev-credentials";

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
try {
  await migrate(database.url);
  const creds = await devCredentials();
  const { seedDemo } = await import("@/lib/seed/seed-demo");
  await seedDemo({ adminEmail: creds.adminEmail, adminPassword: creds.adminPassword, staffPassword: creds.staffPassword, log: console.log });
  console.log(`seeded. Sign in as ${creds.adminEmail} / ${creds.adminPassword}`);
} finally {
  const { closePools } = await import("@/lib/db/pools");
  await closePools();
  await database.stop();
}
