import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { closePools } from "@/lib/db/pools";
import { migrate } from "@/lib/db/migrate";

const globals = globalThis as unknown as { __atriumPrisma?: { $disconnect(): Promise<void> } };

async function dropConnections(): Promise<void> {
  await globals.__atriumPrisma?.$disconnect();
  globals.__atriumPrisma = undefined;
  await closePools();
}

/**
 * Moves this test file onto a database of its own (same server, freshly
 * migrated), for tests of platform-wide facts such as "the last active admin"
 * that other files, running in parallel, would otherwise change under them.
 */
export function isolateDatabase(): void {
  const shared = process.env.DATABASE_URL!;
  const name = `atrium_isolated_${randomBytes(4).toString("hex")}`;
  const url = new URL(shared);
  url.pathname = `/${name}`;

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: shared });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    await migrate(url.toString());
    await dropConnections();
    process.env.DATABASE_URL = url.toString();
  });

  afterAll(async () => {
    await dropConnections();
    process.env.DATABASE_URL = shared;
    const admin = new pg.Client({ connectionString: shared });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
}
