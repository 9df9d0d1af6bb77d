// Production processes on loopback for the cluster suite (tests/cluster) and the
// benchmarks: Atrium instances (scripts/server.ts start on the .next build) and
// Caddy in front of them, run with deploy/Caddyfile, the file the README shows.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";

export type Instance = {
  name: string;
  port: number;
  /** http://127.0.0.1:port */
  url: string;
  logFile: string;
  pid: number;
  /** Signals the instance and resolves with its exit code (null when a signal ended it). */
  stop(signal?: "SIGTERM" | "SIGINT"): Promise<number | null>;
  kill9(): Promise<void>;
};

export type Caddy = {
  httpPort: number;
  httpsPort: number;
  adminPort: number;
  logFile: string;
  pid: number;
  /** PEM of Caddy's internal CA (under dataDir), to trust the certificates it issues. */
  rootCertificate(): string;
  stop(): Promise<void>;
};

const ROOT = process.cwd();
const LOG_DIR = path.join(ROOT, "test-results", "cluster");
export const CADDYFILE = path.join(ROOT, "deploy", "Caddyfile");

/**
 * CLUSTER_BASE_PORT (default 3300) and CLUSTER_PG_PORT (default 55700): instance A is base+1,
 * B base+2, Caddy's http base+3, https base+4, admin base+5; a test's own extra servers from base+10.
 */
export function clusterPorts(): { base: number; pg: number } {
  return { base: Number(process.env.CLUSTER_BASE_PORT ?? 3300), pg: Number(process.env.CLUSTER_PG_PORT ?? 55700) };
}

// A clean environment: not the test runner's (VITEST, NODE_ENV=test, its DATABASE_URL…).
// (Typed as ProcessEnv, whose NODE_ENV is required: scripts/server.ts sets it itself.)
function baseEnv(): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"];
  return Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : []))) as NodeJS.ProcessEnv;
}

function openLog(name: string): { file: string; fd: number } {
  mkdirSync(LOG_DIR, { recursive: true });
  const file = path.join(LOG_DIR, `${name}.log`);
  // Appended: an instance killed and started again keeps one log.
  const fd = openSync(file, "a");
  writeSync(fd, `\n--- ${name} started ${new Date().toISOString()}\n`);
  return { file, fd };
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, child: ChildProcess, logFile: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready; the end of ${logFile}:\n${tail(logFile)}`);
    }
    if (await probe().catch(() => false)) return;
    await sleep(200);
  }
  child.kill("SIGKILL");
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s; the end of ${logFile}:\n${tail(logFile)}`);
}

/**
 * Starts `scripts/server.ts start` (the production build in .next) on 127.0.0.1:port and
 * waits until /api/health/ready answers 200. Output goes to test-results/cluster/<name>.log.
 * The instance runs as behind Caddy (TRUSTED_PROXY_COUNT=1) unless `env` says otherwise,
 * and exits by itself if the process that started it dies.
 */
export async function startInstance(o: { name: string; port: number; databaseUrl: string; rootDomain: string; env?: Record<string, string> }): Promise<Instance> {
  const log = openLog(o.name);
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    DATABASE_URL: o.databaseUrl,
    APP_ROOT_DOMAIN: o.rootDomain,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "",
    // Every log line says which instance wrote it (lib/observability/logger.ts).
    ATRIUM_INSTANCE: o.name,
    TRUSTED_PROXY_COUNT: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...o.env,
  };
  const child = spawn(process.execPath, ["--require", path.join(ROOT, "bench", "exit-with-parent.cjs"), "--import", "tsx", "scripts/server.ts", "start", "-p", String(o.port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", log.fd, log.fd],
  });
  closeSync(log.fd);
  const url = `http://127.0.0.1:${o.port}`;
  await waitFor(`instance ${o.name}`, child, log.file, 120_000, async () => (await fetch(`${url}/api/health/ready`, { signal: AbortSignal.timeout(2000) })).status === 200);
  return {
    name: o.name,
    port: o.port,
    url,
    logFile: log.file,
    pid: child.pid!,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const done = exited(child);
      child.kill(signal);
      // Past the drain's own bound (SHUTDOWN_TIMEOUT_SECONDS, default 25), kill it.
      const drainSeconds = Number(env.SHUTDOWN_TIMEOUT_SECONDS ?? 25);
      const hard = setTimeout(() => child.kill("SIGKILL"), (drainSeconds + 15) * 1000);
      try {
        return await done;
      } finally {
        clearTimeout(hard);
      }
    },
    async kill9() {
      const done = exited(child);
      child.kill("SIGKILL");
      await done;
    },
  };
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

/**
 * `caddy run` with deploy/Caddyfile, its placeholders filled from `o`: round-robin over
 * `upstreams`, on-demand certificates from Caddy's internal CA after asking `askUrl`,
 * state (CA, certificates, autosaved config) under `dataDir`. Health checks run every
 * second here (the file's default is 5 s) so a dead instance is noticed within the tests' bounds.
 */
export async function startCaddy(o: { httpPort: number; httpsPort: number; adminPort: number; upstreams: string[]; askUrl: string; rootDomain: string; dataDir: string; name?: string }): Promise<Caddy> {
  if (spawnSync("caddy", ["version"]).error) throw new Error("caddy is not installed: `apt-get install caddy` (Debian's 2.6 is what the suite is tested with; .ci/run installs it)");
  const name = o.name ?? "caddy";
  const log = openLog(name);
  const dataDir = path.resolve(o.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn("caddy", ["run", "--config", CADDYFILE, "--adapter", "caddyfile"], {
    cwd: ROOT,
    env: {
      ...baseEnv(),
      XDG_DATA_HOME: path.join(dataDir, "data"),
      XDG_CONFIG_HOME: path.join(dataDir, "config"),
      ATRIUM_CADDY_ADMIN_PORT: String(o.adminPort),
      ATRIUM_CADDY_HTTP_PORT: String(o.httpPort),
      ATRIUM_CADDY_HTTPS_PORT: String(o.httpsPort),
      ATRIUM_TLS_ASK_URL: o.askUrl,
      ATRIUM_TLS_ISSUER: "internal",
      ATRIUM_ROOT_HOST: o.rootDomain.replace(/:\d+$/, ""),
      ATRIUM_UPSTREAMS: o.upstreams.join(" "),
      ATRIUM_HEALTH_INTERVAL: "1s",
    },
    stdio: ["ignore", log.fd, log.fd],
  });
  closeSync(log.fd);
  const rootCertFile = path.join(dataDir, "data", "caddy", "pki", "authorities", "local", "root.crt");
  await waitFor("caddy", child, log.file, 30_000, async () => {
    const admin = await fetch(`http://127.0.0.1:${o.adminPort}/config/`, { signal: AbortSignal.timeout(2000) });
    // The console's certificate (and so the internal CA) is made at start-up.
    return admin.ok && existsSync(rootCertFile) && (await portOpen(o.httpsPort)) && (await portOpen(o.httpPort));
  });
  return {
    httpPort: o.httpPort,
    httpsPort: o.httpsPort,
    adminPort: o.adminPort,
    logFile: log.file,
    pid: child.pid!,
    rootCertificate: () => readFileSync(rootCertFile, "utf8"),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = exited(child);
      child.kill("SIGTERM");
      const hard = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await done;
      clearTimeout(hard);
    },
  };
}
