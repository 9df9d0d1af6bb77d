// Playwright's web server: a fresh embedded PostgreSQL (or DATABASE_URL),
// migrated and seeded with the demo data, then the production build behind
// Atrium's server (scripts/server.ts, as `npm start`). Needs `next build` to have run.
import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { migrate } from "@/lib/db/migrate";
import { ADMIN_PASSWORD, E2E_NEXTAUTH_SECRET, STAFF_PASSWORD } from "../e2e/support/secrets";
import { openDatabase } from "./lib/database";
import { runNext } from "./lib/run-next";

const port = process.env.PORT ?? "3100";
// The seed already seals secrets (tenant database roles' passwords) that the server must open: one key for both.
process.env.NEXTAUTH_SECRET ??= E2E_NEXTAUTH_SECRET;
const pgPort = Number(process.env.E2E_PG_PORT ?? 54349);
const database = await openDatabase({ dir: pgPort === 54349 ? ".data/pg-e2e" : `.data/pg-e2e-${pgPort}`, port: pgPort, database: "atrium_e2e", fresh: true });
process.env.DATABASE_URL = database.url;
// Set before seeding too: provisioning seals each tenant database role's password with a key derived from it.
process.env.NEXTAUTH_SECRET ??= E2E_NEXTAUTH_SECRET;
await migrate(database.url);
const { seedDemo } = await import("@/lib/seed/seed-demo");
await seedDemo({ adminEmail: "admin@atrium.local", adminPassword: process.env.E2E_ADMIN_PASSWORD ?? ADMIN_PASSWORD, staffPassword: process.env.E2E_STAFF_PASSWORD ?? STAFF_PASSWORD });
const { closePools } = await import("@/lib/db/pools");
await closePools();

// The seed ran the project's tenant migrations; the server sees them plus a harmless fixture
// (e2e/fixtures/tenant-migrations), so every seeded tenant has one pending and a fleet run real work.
const tenantMigrations = path.resolve(`.data/e2e-tenant-migrations-${pgPort}`);
await rm(tenantMigrations, { recursive: true, force: true });
await cp("prisma/tenant-migrations", tenantMigrations, { recursive: true });
await cp("e2e/fixtures/tenant-migrations", tenantMigrations, { recursive: true });

runNext("start", {
  port,
  database,
  // Kept for scripts/check-logs-for-secrets.ts, which npm test runs on it after the suite.
  logFile: "test-results/e2e-server.log",
  // Webhook specs point endpoints at a receiver on loopback.
  env: { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, RATE_LIMIT_TENANT_CREATE_PER_HOUR: "1000", WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true", TENANT_MIGRATIONS_DIR: tenantMigrations },
});
