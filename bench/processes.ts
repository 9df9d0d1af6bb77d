// The bench's child processes (bench/run.ts and the capacity benches): servers
// and the embedded PostgreSQL started under node with bench/exit-with-parent.cjs,
// their last output kept for error messages, and all of them stopped on exit,
// on errors and on Ctrl-C (servers first, the database last).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { request, target } from "./load";

const started = performance.now();
export const log = (m: string) => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${m}`);

export type Child = { name: string; proc: ChildProcess; output: string[]; group: boolean };
const children: Child[] = [];

export function startChild(name: string, args: string[], env: NodeJS.ProcessEnv, opts: { group?: boolean } = {}): Child {
  // `group`: own process group, so a server that forks workers is stopped whole.
  const proc = spawn(process.execPath, ["--require", "./bench/exit-with-parent.cjs", ...args], { env, stdio: ["ignore", "pipe", "pipe"], detached: opts.group ?? false });
  const child: Child = { name, proc, output: [], group: opts.group ?? false };
  const keep = (chunk: Buffer) => {
    child.output.push(...chunk.toString().split("\n").filter(Boolean));
    if (child.output.length > 100) child.output.splice(0, child.output.length - 100);
  };
  proc.stdout!.on("data", keep);
  proc.stderr!.on("data", keep);
  children.push(child);
  return child;
}

export function stopChild(c: Child): Promise<void> {
  const { proc } = c;
  if (proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return Promise.resolve();
  const pid = proc.pid;
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(c.group ? -pid : pid, s);
    } catch {
      /* already gone */
    }
  };
  return new Promise((resolve) => {
    const hard = setTimeout(() => signal("SIGKILL"), 8_000);
    proc.once("exit", () => {
      clearTimeout(hard);
      // The group may still hold forked workers after the leader exits.
      if (c.group) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          /* none left */
        }
      }
      resolve();
    });
    signal("SIGTERM");
  });
}

const stoppers: (() => Promise<unknown>)[] = [];
/** Something started another way (scripts/lib/cluster.ts's instances, Caddy) that cleanup() must stop too, before the database. */
export function onCleanup(stop: () => Promise<unknown>): void {
  stoppers.push(stop);
}

let cleaning: Promise<void> | null = null;
export function cleanup(): Promise<void> {
  // Servers first, the database last (it is what they talk to).
  cleaning ??= (async () => {
    await Promise.allSettled(stoppers.map((stop) => stop()));
    const db = children.filter((c) => c.name === "postgres");
    await Promise.all(children.filter((c) => !db.includes(c)).map(stopChild));
    await Promise.all(db.map(stopChild));
  })();
  return cleaning;
}
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(sig, () => {
    log(`${sig}: stopping child processes`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on("uncaughtException", (err) => {
  console.error(`[bench] failed: ${err.stack ?? err.message}`);
  void cleanup().finally(() => process.exit(1));
});

export function exitedEarly(c: Child): Promise<never> {
  return new Promise((_, reject) =>
    c.proc.once("exit", (code, sig) => reject(new Error(`${c.name} exited (${code ?? sig}) before it was ready:\n${c.output.slice(-30).join("\n")}`))),
  );
}

/** Fraction of all CPU time that was busy over one second (Linux /proc/stat), before we start anything. */
export async function othersBusy(): Promise<number | null> {
  const sample = () => {
    const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: f[3] + f[4], total: f.reduce((a, b) => a + b, 0) };
  };
  try {
    const a = sample();
    await new Promise((r) => setTimeout(r, 1000));
    const b = sample();
    return Math.round((1 - (b.idle - a.idle) / (b.total - a.total)) * 100) / 100;
  } catch {
    return null;
  }
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: "127.0.0.1", port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}

export async function ensureBuild(): Promise<void> {
  if (existsSync(".next/lock")) {
    // A `next build` in progress rewrites .next under whatever serves from it.
    log("a `next build` is running in this checkout; waiting (up to 3 min) for it to finish");
    const deadline = performance.now() + 180_000;
    while (existsSync(".next/lock") && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1000));
  }
  if (existsSync(".next/BUILD_ID")) return;
  log("no production build (.next/BUILD_ID missing): running `next build` (~30–60 s)");
  let output = "";
  const code = await new Promise<number | null>((resolve) => {
    const p = spawn(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    const show = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    };
    p.stdout!.on("data", show);
    p.stderr!.on("data", show);
    p.on("exit", resolve);
  });
  if (code === 0) return;
  if (/Another next build process is already running/i.test(output)) {
    // Someone else's build in this checkout: use its result rather than fight over .next.
    log("another `next build` is running in this checkout; waiting (up to 3 min) for it to finish");
    const deadline = performance.now() + 180_000;
    for (let lockGone = 0; !existsSync(".next/BUILD_ID"); ) {
      lockGone = existsSync(".next/lock") ? 0 : lockGone + 1;
      if (lockGone > 3) throw new Error("the other `next build` ended without producing a build; run again once it succeeds");
      if (performance.now() > deadline) throw new Error("the other `next build` did not finish within 3 minutes; run again later");
      await new Promise((r) => setTimeout(r, 1000));
    }
    return;
  }
  throw new Error(`next build failed (exit ${code}); fix the build (or wait for an in-progress change to land) and run again`);
}

export async function startDatabase(db: { dir: string; port: number; database: string }): Promise<string> {
  // db-server.ts run directly under node (not through the tsx wrapper), so it sees us die even on SIGKILL.
  const args = ["--import", "tsx", "scripts/db-server.ts", "--dir", db.dir, "--port", String(db.port), "--database", db.database, "--fresh"];
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const c = startChild("postgres", args, env);
  const url = new Promise<string>((resolve) => {
    let buf = "";
    c.proc.stdout!.on("data", (chunk: Buffer) => {
      buf += chunk.toString();
      const m = buf.match(/DATABASE_URL=(\S+)/);
      if (m) resolve(m[1]);
    });
  });
  return Promise.race([url, exitedEarly(c)]);
}

export async function waitReady(c: Child, port: number, path: string, timeoutMs: number): Promise<void> {
  const t = target(c.name, port, {});
  const deadline = performance.now() + timeoutMs;
  const poll = async () => {
    for (;;) {
      try {
        if ((await request(t, path)).status === 200) return t.agent.destroy();
      } catch {
        /* not listening yet */
      }
      if (performance.now() > deadline) throw new Error(`${c.name} was not ready within ${timeoutMs / 1000} s:\n${c.output.slice(-30).join("\n")}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  };
  await Promise.race([poll(), exitedEarly(c)]);
}
