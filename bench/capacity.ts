// Capacity of the mixed read workload (bench/mixed-workload.ts) at concurrency
// 32 (issue 15 §6): one instance directly, one instance behind Caddy, two
// instances behind Caddy (round-robin), all on the production build and the
// exact deploy/Caddyfile (scripts/lib/cluster.ts), in alternating halves so
// drift on a shared machine hits every setup alike; where the CPU went during
// each (every Atrium instance, PostgreSQL, Caddy, this load generator, and the
// rest of the machine); then a CPU profile of one instance under the same load.
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startCaddy, startInstance, type Caddy, type Instance } from "../scripts/lib/cluster";
import { cpuMeter, postmasterPid, type CpuShares } from "./cpu";
import { formatProfile, summarizeCpuProfile, type ProfileSummary } from "./cpu-profile";
import { closedLoop, merge, percentile, request, target, type Call, type RunStats, type Target } from "./load";
import { checkMixedWorkload, mixedWorkload, MIX } from "./mixed-workload";
import { onCleanup, portInUse, startChild, stopChild, waitReady } from "./processes";

const CONCURRENCY = 32;
// Each setup is measured in SLICES slices of SLICE_MS, the setups taking turns (A B C C B A A B C …).
const SLICE_MS = Number(process.env.BENCH_CAPACITY_SLICE_SECONDS ?? 5) * 1000;
const SLICES = 4;
const WARMUP_MS = 4_000;
const PROFILE_MS = 15_000;
const NEVER_REFUSED = "100000000";

export type Ports = { a: number; b: number; caddyTwo: [number, number, number]; caddyOne: [number, number, number]; profiled: number };

/** The capacity bench's ports from BENCH_PORT: run.ts's server and floor hold +0 and +1. */
export function capacityPorts(benchPort: number): Ports {
  return { a: benchPort + 2, b: benchPort + 3, caddyTwo: [benchPort + 4, benchPort + 5, benchPort + 6], caddyOne: [benchPort + 7, benchPort + 8, benchPort + 9], profiled: benchPort + 10 };
}

/** Environment of every instance the capacity and soak benches start. */
export function instanceEnv(secret: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NEXTAUTH_SECRET: secret,
    // Every request is counted against the limits as in production, but never refused: one key sends thousands a minute.
    RATE_LIMIT_TENANT_QUERIES_PER_MINUTE: NEVER_REFUSED,
    RATE_LIMIT_RESOURCE_USAGE_PER_MINUTE: NEVER_REFUSED,
    RATE_LIMIT_SCHEMA_OPERATIONS_PER_MINUTE: NEVER_REFUSED,
    ...extra,
  };
}

type Setup = { name: string; target: Target; cpu: Record<string, number> };
export type SetupResult = {
  setup: string;
  requests: number;
  errors: number;
  firstError: string | null;
  rps: number;
  p50: number;
  p99: number;
  byKind: Record<string, { p50: number; p99: number; n: number }>;
  cpu: CpuShares & { msPerRequest: Record<string, number | null>; shareOfMachine: Record<string, number | null> };
};

const r2 = (n: number) => Math.round(n * 100) / 100;

function summarize(name: string, runs: RunStats[], cpu: CpuShares[]): SetupResult {
  const s = merge(runs);
  const byProcess: Record<string, number | null> = {};
  for (const c of cpu) for (const [k, v] of Object.entries(c.byProcess)) byProcess[k] = v === null || byProcess[k] === null ? null : (byProcess[k] ?? 0) + v;
  const sum = (f: (c: CpuShares) => number) => cpu.reduce((n, c) => n + f(c), 0);
  const total: CpuShares = { seconds: r2(sum((c) => c.seconds)), machineBusyMs: sum((c) => c.machineBusyMs), machineCapacityMs: sum((c) => c.machineCapacityMs), byProcess, othersMs: sum((c) => c.othersMs) };
  const all = { ...byProcess, "everything else on the machine": total.othersMs };
  return {
    setup: name,
    requests: s.requests,
    errors: s.errors,
    firstError: s.firstError,
    // Successful answers per second: an error is not capacity.
    rps: r2((s.requests - s.errors) / s.seconds),
    p50: r2(percentile(s.latencies, 50)),
    p99: r2(percentile(s.latencies, 99)),
    byKind: Object.fromEntries([...s.byPath].map(([k, ms]) => [k, { p50: r2(percentile(ms, 50)), p99: r2(percentile(ms, 99)), n: ms.length }])),
    cpu: {
      ...total,
      msPerRequest: Object.fromEntries(Object.entries(byProcess).map(([k, v]) => [k, v === null ? null : r2(v / s.requests)])),
      shareOfMachine: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v === null ? null : Math.round((v / total.machineCapacityMs) * 1000) / 10])),
    },
  };
}

export type CapacityResult = {
  config: { concurrency: number; seconds_per_setup: number; mix: typeof MIX; cores: number; note: string };
  loadavg: { start: number[]; end: number[] };
  setups: SetupResult[];
  ratios: { two_vs_one_behind_caddy_rps: number; two_behind_caddy_vs_direct_rps: number; caddy_overhead_p50: number; caddy_overhead_rps: number; caddy_overhead_p99: number };
  profile: ProfileSummary | null;
};

async function ensurePortsFree(ports: number[]): Promise<void> {
  for (const p of ports) if (await portInUse(p)) throw new Error(`port ${p} is in use (an earlier bench still running?); stop it or move BENCH_PORT`);
}

/**
 * Caddy issues each portal host's certificate on its first handshake (on-demand TLS, after asking
 * Atrium). Here, once per host and one at a time before anything is timed, as a running site would
 * have them: Caddy 2.6 answers some of many simultaneous first handshakes with a TLS "internal
 * error" alert (seen here with 30 at once), so a refused handshake is tried again.
 */
async function issueCertificates(t: Target, calls: Call[]): Promise<void> {
  const firstPerHost = [...new Map(calls.filter((c) => c.headers?.host).map((c) => [c.headers!.host, c])).values()];
  for (const call of firstPerHost) {
    for (let attempt = 1; ; attempt++) {
      try {
        await request(t, call);
        break;
      } catch (err) {
        if (attempt >= 10) throw new Error(`${t.name}: no TLS connection to ${call.headers!.host} after 10 attempts: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }
}

/** An instance (and a Caddy) that cleanup() stops too, should the bench fail or be interrupted. */
async function instance(o: Parameters<typeof startInstance>[0]): Promise<Instance> {
  const i = await startInstance(o);
  onCleanup(() => i.stop());
  return i;
}
async function caddy(o: Parameters<typeof startCaddy>[0]): Promise<Caddy> {
  const c = await startCaddy(o);
  onCleanup(() => c.stop());
  return c;
}

export async function benchCapacity(o: { url: string; key: string; secret: string; pgDataDir: string; benchPort: number; log: (m: string) => void }): Promise<CapacityResult> {
  const loadStart = os.loadavg();
  const ports = capacityPorts(o.benchPort);
  await ensurePortsFree([ports.a, ports.b, ...ports.caddyTwo, ...ports.caddyOne, ports.profiled]);
  // Every setup is addressed by the same names (Caddy's https port in them), so one set of sessions serves all.
  const rootDomain = `localhost:${ports.caddyTwo[1]}`;
  process.env.NEXTAUTH_SECRET = o.secret;
  process.env.DATABASE_URL = o.url;
  const calls = await mixedWorkload(o.url, rootDomain, o.key);
  o.log(`capacity: ${calls.length} mixed calls (${Object.entries(MIX).map(([k, w]) => `${k} ×${w}`).join(", ")}); starting instances A (:${ports.a}) and B (:${ports.b}) and two Caddys`);
  // No pg-boss worker here (as in run.ts): its sweeps would land in some windows and not others.
  const env = instanceEnv(o.secret, { ATRIUM_JOBS: "off" });
  const [a, b] = await Promise.all([
    instance({ name: "bench-a", port: ports.a, databaseUrl: o.url, rootDomain, env }),
    instance({ name: "bench-b", port: ports.b, databaseUrl: o.url, rootDomain, env }),
  ]);
  const askUrl = `${a.url}/api/tls/ask`;
  const [two, one] = await Promise.all([
    caddy({ name: "bench-caddy-two", httpPort: ports.caddyTwo[0], httpsPort: ports.caddyTwo[1], adminPort: ports.caddyTwo[2], upstreams: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`], askUrl, rootDomain, dataDir: ".data/caddy-bench-two" }),
    caddy({ name: "bench-caddy-one", httpPort: ports.caddyOne[0], httpsPort: ports.caddyOne[1], adminPort: ports.caddyOne[2], upstreams: [`127.0.0.1:${a.port}`], askUrl, rootDomain, dataDir: ".data/caddy-bench-one" }),
  ]);
  const pg = postmasterPid(o.pgDataDir);
  const tls = (c: Caddy) => ({ host: rootDomain, tlsCa: [c.rootCertificate()] });
  const setups: Setup[] = [
    { name: "one instance, direct", target: target("direct", a.port, {}, a.pid, { host: rootDomain }), cpu: { "instance A": a.pid, PostgreSQL: pg } },
    { name: "one instance behind Caddy", target: target("caddy → A", one.httpsPort, {}, undefined, tls(one)), cpu: { "instance A": a.pid, PostgreSQL: pg, Caddy: one.pid } },
    { name: "two instances behind Caddy", target: target("caddy → A, B", two.httpsPort, {}, undefined, tls(two)), cpu: { "instance A": a.pid, "instance B": b.pid, PostgreSQL: pg, Caddy: two.pid } },
  ];
  for (const s of setups) {
    if (s.target.tls) await issueCertificates(s.target, calls);
    await checkMixedWorkload(s.target, calls);
    // Warm-up: every route loaded and every cache filled.
    const w = await closedLoop(s.target, calls, CONCURRENCY, WARMUP_MS);
    // Counted, not fatal: on a starved machine some answers are errors, and how many is part of the result.
    if (w.errors) o.log(`capacity: warm-up of "${s.name}": ${w.errors} of ${w.requests} failed, the first: ${w.firstError}`);
  }
  o.log(`capacity: all three setups answer every kind; measuring ${(SLICES * SLICE_MS) / 1000} s each at concurrency ${CONCURRENCY}, in ${SLICES} slices taking turns`);
  const runs = new Map<Setup, { stats: RunStats[]; cpu: CpuShares[] }>(setups.map((s) => [s, { stats: [], cpu: [] }]));
  const order = Array.from({ length: SLICES }, (_, i) => (i % 2 === 0 ? setups : [...setups].reverse())).flat();
  for (const s of order) {
    const meter = cpuMeter(s.cpu);
    const stats = await closedLoop(s.target, calls, CONCURRENCY, SLICE_MS);
    runs.get(s)!.cpu.push(meter.end());
    runs.get(s)!.stats.push(stats);
    o.log(`  ${s.name}: ${(stats.requests / stats.seconds).toFixed(0)} req/s, ${stats.errors} errors`);
  }
  const results = setups.map((s) => summarize(s.name, runs.get(s)!.stats, runs.get(s)!.cpu));
  for (const s of setups) s.target.agent.destroy();
  await Promise.all([two.stop(), one.stop()]);
  await Promise.all([a.stop(), b.stop()]);

  const profile = await profileUnderLoad({ ...o, rootDomain, calls, port: ports.profiled });
  const [direct, behindOne, behindTwo] = results;
  return {
    config: {
      concurrency: CONCURRENCY,
      seconds_per_setup: (SLICES * SLICE_MS) / 1000,
      mix: MIX,
      cores: os.cpus().length,
      note: "Caddy terminates TLS (HTTPS with its internal CA, as the deploy/Caddyfile serves); the direct setup is plain HTTP to the instance",
    },
    loadavg: { start: loadStart.map(r2), end: os.loadavg().map(r2) },
    setups: results,
    ratios: {
      two_vs_one_behind_caddy_rps: r2(behindTwo.rps / behindOne.rps),
      two_behind_caddy_vs_direct_rps: r2(behindTwo.rps / direct.rps),
      caddy_overhead_p50: r2(behindOne.p50 / direct.p50),
      caddy_overhead_p99: r2(behindOne.p99 / direct.p99),
      caddy_overhead_rps: r2(direct.rps / behindOne.rps),
    },
    profile,
  };
}

/**
 * One more instance under --cpu-prof, the same load for PROFILE_MS, then SIGTERM: the
 * profile is written as the process exits. Only the load window's samples are counted.
 */
async function profileUnderLoad(o: { url: string; secret: string; rootDomain: string; calls: Call[]; port: number; log: (m: string) => void }): Promise<ProfileSummary | null> {
  const dir = path.resolve(".data/bench-cpu-profile");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  o.log(`capacity: CPU profile of one instance (:${o.port}, --cpu-prof) under the mixed load for ${PROFILE_MS / 1000} s`);
  // node flags, so not through startInstance (NODE_OPTIONS refuses --cpu-prof): the bench's own child handling.
  const env = { ...process.env, DATABASE_URL: o.url, APP_ROOT_DOMAIN: o.rootDomain, NEXT_TELEMETRY_DISABLED: "1", ...instanceEnv(o.secret, { ATRIUM_JOBS: "off" }) };
  const p = startChild("profiled instance", ["--cpu-prof", `--cpu-prof-dir=${dir}`, "--import", "tsx", "scripts/server.ts", "start", "-p", String(o.port), "-H", "127.0.0.1"], env);
  await waitReady(p, o.port, "/api/health/ready", 120_000);
  const t = target("profiled", o.port, {}, p.proc.pid, { host: o.rootDomain });
  await closedLoop(t, o.calls, CONCURRENCY, WARMUP_MS);
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const stats = await closedLoop(t, o.calls, CONCURRENCY, PROFILE_MS);
  const toUs = Number(process.hrtime.bigint() / 1000n);
  t.agent.destroy();
  await stopChild(p); // SIGTERM: the profile is written as the process exits
  const code = p.proc.exitCode ?? p.proc.signalCode;
  if (stats.errors) o.log(`capacity: ${stats.errors} errors under the profiler, the first: ${stats.firstError}`);
  // The main thread's profile is the largest (tsx's loader thread writes one too).
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (!files.length) {
    o.log(`capacity: the profiled instance exited with ${code} and wrote no profile`);
    return null;
  }
  const main = files.map((f) => path.join(dir, f)).sort((x, y) => statSync(y).size - statSync(x).size)[0];
  const summary = summarizeCpuProfile(main, { fromUs, toUs });
  console.log(`\n${formatProfile(summary)}`);
  return summary;
}

export function formatCapacity(c: CapacityResult): string {
  const lines = [`mixed read workload at concurrency ${c.config.concurrency}, ${c.config.seconds_per_setup} s per setup (${c.config.cores} cores; load average ${c.loadavg.start[0]} at start, ${c.loadavg.end[0]} at end)`, ""];
  lines.push("| setup | ok req/s | p50 ms | p99 ms | errors |", "|---|---:|---:|---:|---:|");
  for (const s of c.setups) lines.push(`| ${s.setup} | ${s.rps} | ${s.p50} | ${s.p99} | ${s.errors} of ${s.requests}${s.firstError ? ` (${s.firstError.slice(0, 60)}…)` : ""} |`);
  lines.push("", "CPU during each setup (% of the machine's capacity; ms per request):");
  for (const s of c.setups) {
    const parts = Object.entries(s.cpu.shareOfMachine).map(([k, v]) => `${k} ${v ?? "?"} %${s.cpu.msPerRequest[k] != null ? ` (${s.cpu.msPerRequest[k]} ms/req)` : ""}`);
    lines.push(`  ${s.setup}: ${parts.join(", ")}`);
  }
  lines.push("", "per kind (p50 / p99 ms):");
  for (const s of c.setups) lines.push(`  ${s.setup}: ${Object.entries(s.byKind).map(([k, v]) => `${k} ${v.p50} / ${v.p99}`).join("; ")}`);
  const r = c.ratios;
  lines.push(
    "",
    `two instances vs one, both behind Caddy: ${r.two_vs_one_behind_caddy_rps}× the throughput (vs one direct: ${r.two_behind_caddy_vs_direct_rps}×)`,
    `Caddy overhead (one instance behind Caddy vs direct): p50 ${r.caddy_overhead_p50}×, p99 ${r.caddy_overhead_p99}×, throughput direct ÷ behind Caddy ${r.caddy_overhead_rps}× (goal ≤ 1.15×) — ${r.caddy_overhead_p50 <= 1.15 && r.caddy_overhead_rps <= 1.15 ? "within the goal" : "NOT within the goal"}`,
  );
  return lines.join("\n");
}
