import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as readyRoute from "@/app/api/health/ready/route";
import * as healthRoute from "@/app/api/health/route";
import * as liveRoute from "@/app/api/health/live/route";
import { migrate } from "@/lib/db/migrate";
import { ownerPool } from "@/lib/db/pools";
import { checkReadiness } from "@/lib/server/check-readiness";
import { clearDraining, markDraining } from "@/lib/server/draining";

// A database of this file's own: its migration history is rewritten here, never the shared test database's.
const dbName = `readiness_${process.pid}_${Date.now()}`;
let dir: string;
let ownUrl: string;
let ownPool: pg.Pool;

async function writeMigration(folder: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(folder, name), { recursive: true });
  await writeFile(path.join(folder, name, "migration.sql"), sql);
}

beforeAll(async () => {
  await ownerPool().query(`CREATE DATABASE ${dbName}`);
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${dbName}`;
  ownUrl = url.toString();
  ownPool = new pg.Pool({ connectionString: ownUrl, max: 2 });
  // DROP DATABASE … WITH (FORCE) in afterAll terminates a connection that may still be closing: not an error of the test.
  ownPool.on("error", () => undefined);
  dir = await mkdtemp(path.join(tmpdir(), "atrium-readiness-"));
});

afterAll(async () => {
  await ownPool?.end();
  await ownerPool().query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => clearDraining());

describe("readiness", () => {
  it("is ready on the migrated test database, and the route answers 200 with each check", async () => {
    expect(await checkReadiness()).toEqual({ ready: true, checks: { database: "up", migrations: "applied", draining: false } });
    const res = await readyRoute.GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok", checks: { database: "up", migrations: "applied", draining: false } });
  });

  it("is not ready while migrations on disk are missing from _prisma_migrations, and is once they are applied", async () => {
    expect((await checkReadiness({ pool: ownPool, migrationsDir: dir })).checks.migrations).toBe("applied"); // nothing on disk yet
    await writeMigration(dir, "20260101000000_first", "CREATE TABLE first_thing (id int PRIMARY KEY);");
    // A database never migrated has no history table at all.
    expect(await checkReadiness({ pool: ownPool, migrationsDir: dir })).toEqual({ ready: false, checks: { database: "up", migrations: "pending (1)", draining: false } });
    await migrate(ownUrl, { dir });
    expect((await checkReadiness({ pool: ownPool, migrationsDir: dir })).ready).toBe(true);

    await writeMigration(dir, "20260102000000_second", "CREATE TABLE second_thing (id int PRIMARY KEY);");
    await writeMigration(dir, "20260103000000_third", "ALTER TABLE second_thing ADD COLUMN name text;");
    expect(await checkReadiness({ pool: ownPool, migrationsDir: dir })).toEqual({ ready: false, checks: { database: "up", migrations: "pending (2)", draining: false } });
    await migrate(ownUrl, { dir });
    expect(await checkReadiness({ pool: ownPool, migrationsDir: dir })).toEqual({ ready: true, checks: { database: "up", migrations: "applied", draining: false } });
  });

  it("is not ready when PostgreSQL does not answer, and says so without waiting long", async () => {
    // Port 1 on loopback: nothing listens, the connection is refused.
    const dead = new pg.Pool({ connectionString: "postgres://nobody:nothing@127.0.0.1:1/none", max: 1 });
    dead.on("error", () => undefined);
    try {
      expect(await checkReadiness({ pool: dead, migrationsDir: dir, timeoutMs: 1_000 })).toEqual({
        ready: false,
        checks: { database: "down", migrations: "unknown", draining: false },
      });
    } finally {
      await dead.end();
    }
  });

  it("is not ready while the process drains; liveness stays 200 and /api/health keeps its answer", async () => {
    markDraining();
    const res = await readyRoute.GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "unavailable", checks: { database: "up", migrations: "applied", draining: true } });
    expect((await liveRoute.GET()).status).toBe(200);
    const health = await healthRoute.GET();
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: { status: "up" } });
    clearDraining();
    expect((await readyRoute.GET()).status).toBe(200);
  });
});
