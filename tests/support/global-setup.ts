import type { TestProject } from "vitest/node";
import { migrate } from "@/lib/db/migrate";
import { TEST_DB, openDatabase, type Database } from "../../scripts/lib/database";

let database: Database | undefined;

/** One fresh embedded PostgreSQL for the run (or DATABASE_URL when set), migrated once. */
export async function setup(project: TestProject): Promise<void> {
  database = await openDatabase({ ...TEST_DB, fresh: true });
  await migrate(database.url);
  project.provide("databaseUrl", database.url);
}

export async function teardown(): Promise<void> {
  await database?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
