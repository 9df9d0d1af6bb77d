import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { clusterPorts } from "../../scripts/lib/cluster";
import { openDatabase, type Database } from "../../scripts/lib/database";
import { CLUSTER_ADMIN_PASSWORD, CLUSTER_NEXTAUTH_SECRET, CLUSTER_STAFF_PASSWORD } from "./support/secrets";

let database: Database | undefined;

const SECRET = CLUSTER_NEXTAUTH_SECRET;
const ADMIN = { email: "admin@atrium.local", password: CLUSTER_ADMIN_PASSWORD };
const STAFF_PASSWORD = CLUSTER_STAFF_PASSWORD;

/** One fresh embedded PostgreSQL for the run (or DATABASE_URL), migrated and seeded with the demo data as the e2e server does. */
export async function setup(project: TestProject): Promise<void> {
  const { pg } = clusterPorts();
  database = await openDatabase({ dir: `.data/pg-cluster-${pg}`, port: pg, database: "atrium_cluster", fresh: true });
  process.env.DATABASE_URL = database.url;
  // The seed seals secrets (tenant database passwords) the instances must open: one key for all.
  process.env.NEXTAUTH_SECRET = SECRET;
  await migrate(database.url);
  const { seedDemo } = await import("@/lib/seed/seed-demo");
  await seedDemo({ adminEmail: ADMIN.email, adminPassword: ADMIN.password, staffPassword: STAFF_PASSWORD });
  const { closePools } = await import("@/lib/db/pools");
  await closePools();
  project.provide("databaseUrl", database.url);
  project.provide("nextauthSecret", SECRET);
  project.provide("admin", ADMIN);
  project.provide("staffPassword", STAFF_PASSWORD);
}

export async function teardown(): Promise<void> {
  await database?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    nextauthSecret: string;
    admin: { email: string; password: string };
    staffPassword: string;
  }
}
