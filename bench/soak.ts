// The soak (issue 15 §6): the mixed read workload (bench/mixed-workload.ts) at
// a fixed rate (open loop) against one production instance for N minutes,
// with its pg-boss worker on as in production. Every 10 s: the instance's RSS
// (/proc) and V8 heap used (its /api/metrics, prom-client's default
// nodejs_heap_size_used_bytes; null where the endpoint is not there); p99 per
// minute. Verdicts: heap and RSS grow ≤ 10 % from the start to the end, after a
// minute of warm-up (compared at their floors: see soakGrowth), and the last
// minute's p99 ≤ 1.5× the first steady minute's.
import { readFileSync } from "node:fs";
import os from "node:os";
import { startInstance } from "../scripts/lib/cluster";
import { instanceEnv } from "./capacity";
import { openLoop, percentile, target } from "./load";
import { checkMixedWorkload, mixedWorkload, MIX } from "./mixed-workload";
import { onCleanup, portInUse } from "./processes";

const SAMPLE_MS = 10_000;
const METRICS_TOKEN = "bench-metrics-token-0123456789abcdef";

export type SoakSample = { atSeconds: number; rssMb: number | null; heapUsedMb: number | null };
export type SoakResult = {
  config: { minutes: number; rate_per_second: number; mix: typeof MIX; sample_seconds: number; cores: number };
  loadavg: { start: number[]; end: number[] };
  requests: number;
  errors: number;
  firstError: string | null;
  achievedRps: number;
  samples: SoakSample[];
  minutes: { minute: number; requests: number; errors: number; p50: number; p99: number }[];
  verdicts: { rssGrowthPct: number | null; heapGrowthPct: number | null; p99LastVsFirstSteady: number | null; memoryOk: boolean; p99Ok: boolean; keptUp: boolean };
};

const r2 = (n: number) => Math.round(n * 100) / 100;
const mb = (bytes: number) => r2(bytes / 1048576);

function rssBytes(pid: number): number | null {
  try {
    const kb = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m)?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** nodejs_heap_size_used_bytes from the instance's /api/metrics, or null when it has none. */
async function heapUsedBytes(url: string, rootDomain: string): Promise<number | null> {
  try {
    const res = await fetch(`${url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, host: rootDomain }, signal: AbortSignal.timeout(5000) });
    if (!res.ok) return null;
    const v = (await res.text()).match(/^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)/m)?.[1];
    return v ? Number(v) : null;
  } catch {
    return null;
  }
}

const growth = (from: number, to: number) => (Number.isFinite(from) && Number.isFinite(to) && from > 0 ? r2(((to - from) / from) * 100) : null);

/**
 * Growth from the start to the end, after a minute of warm-up. V8 lets the heap climb for minutes
 * between full collections (a saw-tooth of several hundred MB under load), so a single reading or
 * a minute's median says when the last collection ran, not whether anything is kept: compared are
 * the floors — the lowest sample (just after a collection) of minutes 2–3 against that of the
 * last two minutes. p99: the last minute against the first steady one (minute 2).
 */
export function soakGrowth(samples: SoakSample[], minutes: { p99: number }[]): { rssGrowthPct: number | null; heapGrowthPct: number | null; p99LastVsFirstSteady: number | null } {
  const n = minutes.length;
  const floor = (fromMinute: number, toMinute: number, k: "rssMb" | "heapUsedMb") =>
    Math.min(...samples.filter((s) => s.atSeconds >= (fromMinute - 1) * 60 && s.atSeconds <= toMinute * 60 && s[k] !== null).map((s) => s[k]!));
  return {
    rssGrowthPct: growth(floor(2, 3, "rssMb"), floor(n - 1, n, "rssMb")),
    heapGrowthPct: growth(floor(2, 3, "heapUsedMb"), floor(n - 1, n, "heapUsedMb")),
    p99LastVsFirstSteady: minutes[1].p99 > 0 ? r2(minutes[n - 1].p99 / minutes[1].p99) : null,
  };
}

export async function benchSoak(o: { url: string; key: string; secret: string; port: number; minutes: number; rate: number; log: (m: string) => void }): Promise<SoakResult> {
  if (!Number.isInteger(o.minutes) || o.minutes < 5) throw new Error(`--soak-minutes must be a whole number of at least 5 (a warm-up minute, two to start from, two to end with), not ${o.minutes}`);
  if (!(o.rate > 0)) throw new Error(`--soak-rate must be a positive number of requests per second, not ${o.rate}`);
  if (await portInUse(o.port)) throw new Error(`port ${o.port} is in use (an earlier bench still running?)`);
  const loadStart = os.loadavg();
  const rootDomain = `localhost:${o.port}`;
  process.env.NEXTAUTH_SECRET = o.secret;
  process.env.DATABASE_URL = o.url;
  const calls = await mixedWorkload(o.url, rootDomain, o.key);
  const inst = await startInstance({ name: "bench-soak", port: o.port, databaseUrl: o.url, rootDomain, env: instanceEnv(o.secret, { METRICS_TOKEN, TRUSTED_PROXY_COUNT: "0" }) });
  onCleanup(() => inst.stop());
  const t = target("soak", inst.port, {}, inst.pid, { host: rootDomain });
  await checkMixedWorkload(t, calls);
  o.log(`soak: ${o.minutes} min at ${o.rate} req/s (open loop) against one instance (:${o.port}); RSS${(await heapUsedBytes(inst.url, rootDomain)) === null ? " (no /api/metrics here: heap not sampled)" : " and heap"} every ${SAMPLE_MS / 1000} s`);

  const samples: SoakSample[] = [];
  const started = performance.now();
  const sample = async () => {
    const [rss, heap] = [rssBytes(inst.pid), await heapUsedBytes(inst.url, rootDomain)];
    samples.push({ atSeconds: Math.round((performance.now() - started) / 1000), rssMb: rss === null ? null : mb(rss), heapUsedMb: heap === null ? null : mb(heap) });
  };
  await sample();
  const sampler = setInterval(() => void sample(), SAMPLE_MS);
  const byMinute: { ms: number[]; errors: number }[] = Array.from({ length: o.minutes }, () => ({ ms: [], errors: 0 }));
  const progress = setInterval(() => o.log(`soak: ${Math.round((performance.now() - started) / 60000)} of ${o.minutes} min`), 60_000);
  let stats;
  try {
    stats = await openLoop(t, calls, o.rate, o.minutes * 60_000, (atMs, ms, ok) => {
      const m = byMinute[Math.min(o.minutes - 1, Math.floor(atMs / 60_000))];
      m.ms.push(ms);
      if (!ok) m.errors++;
    });
  } finally {
    clearInterval(sampler);
    clearInterval(progress);
  }
  await sample();
  t.agent.destroy();
  await inst.stop();

  const minutes = byMinute.map((m, i) => ({ minute: i + 1, requests: m.ms.length, errors: m.errors, p50: r2(percentile(m.ms, 50)), p99: r2(percentile(m.ms, 99)) }));
  const { rssGrowthPct, heapGrowthPct, p99LastVsFirstSteady } = soakGrowth(samples, minutes);
  return {
    config: { minutes: o.minutes, rate_per_second: o.rate, mix: MIX, sample_seconds: SAMPLE_MS / 1000, cores: os.cpus().length },
    loadavg: { start: loadStart.map(r2), end: os.loadavg().map(r2) },
    requests: stats.requests,
    errors: stats.errors,
    firstError: stats.firstError,
    achievedRps: r2(stats.requests / stats.seconds),
    samples,
    minutes,
    verdicts: {
      rssGrowthPct,
      heapGrowthPct,
      p99LastVsFirstSteady,
      memoryOk: rssGrowthPct !== null && rssGrowthPct <= 10 && (heapGrowthPct === null || heapGrowthPct <= 10),
      p99Ok: p99LastVsFirstSteady !== null && p99LastVsFirstSteady <= 1.5,
      // An overloaded instance queues requests: memory and p99 then measure the queue, not a leak.
      keptUp: stats.errors === 0 && minutes.every((m) => m.p99 < 5_000),
    },
  };
}

export function formatSoak(s: SoakResult): string {
  const first = (k: "rssMb" | "heapUsedMb") => s.samples.find((x) => x[k] !== null)?.[k] ?? "–";
  const lastOf = (k: "rssMb" | "heapUsedMb") => [...s.samples].reverse().find((x) => x[k] !== null)?.[k] ?? "–";
  const v = s.verdicts;
  return [
    `soak: ${s.config.minutes} min at ${s.config.rate_per_second} req/s (achieved ${s.achievedRps}), ${s.requests} requests, ${s.errors} errors; load average ${s.loadavg.start[0]} → ${s.loadavg.end[0]} (${s.config.cores} cores)`,
    `RSS ${first("rssMb")} MB at the start, ${lastOf("rssMb")} MB at the end; heap used ${first("heapUsedMb")} → ${lastOf("heapUsedMb")} MB`,
    `p50 per minute (ms): ${s.minutes.map((m) => m.p50).join(", ")}`,
    `p99 per minute (ms): ${s.minutes.map((m) => m.p99).join(", ")}`,
    `growth of the floors (lowest 10 s sample, just after a collection) from minutes 2–3 to the last two: RSS ${v.rssGrowthPct ?? "–"} %, heap ${v.heapGrowthPct ?? "not sampled"} % — ${v.memoryOk ? "within" : "NOT within"} 10 %`,
    `p99 of the last minute vs the first steady one: ${v.p99LastVsFirstSteady ?? "–"}× — ${v.p99Ok ? "stable (≤ 1.5×)" : "NOT stable (> 1.5×)"}`,
    ...(v.keptUp ? [] : [`the instance did NOT keep up with ${s.config.rate_per_second} req/s (errors, or a minute's p99 over 5 s): the figures above measure its queue; run again with a lower --soak-rate`]),
  ].join("\n");
}
