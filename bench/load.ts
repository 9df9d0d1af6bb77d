// A small closed-loop load generator over node:http with keep-alive: latency
// at concurrency 1 (hrtime per request, full body read) and throughput at
// concurrency N for a fixed duration. Loopback only.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";

export type Target = { name: string; port: number; host: string; headers: Record<string, string>; agent: http.Agent; pid?: number; tls?: boolean };

/**
 * `opts.host`: the Host header (default localhost:port). `opts.tlsCa`: speak HTTPS (a TLS proxy in
 * front), trusting this CA, with each request's Host (without port) as the SNI name, as a browser would.
 */
export function target(name: string, port: number, headers: Record<string, string>, pid?: number, opts: { host?: string; tlsCa?: string[] } = {}): Target {
  // Idle sockets are closed after 2 s, before a server's keep-alive timeout (5 s for next start) can race a request.
  const agentOpts = { keepAlive: true, maxSockets: 64, timeout: 2_000 };
  const agent = opts.tlsCa ? new https.Agent({ ...agentOpts, ca: opts.tlsCa }) : new http.Agent(agentOpts);
  return { name, port, host: opts.host ?? `localhost:${port}`, headers, agent, pid, tls: !!opts.tlsCa };
}

export type Sample = { ms: number; status: number; body: string };

/**
 * A request of a mixed workload: headers of its own (another Host, a session cookie instead of
 * the target's key) over the target's, and the label its timings are grouped under.
 */
export type Call = { path: string; label: string; headers?: Record<string, string> };
/** A path (timed under itself, with the target's headers) or a Call. */
export type Work = string | Call;

const pathOf = (w: Work) => (typeof w === "string" ? w : w.path);
const labelOf = (w: Work) => (typeof w === "string" ? w : w.label);

/**
 * One GET; resolves with the status, the body and the time to the last byte.
 * A kept-alive socket that the server closed just as it was reused is retried once, on a new one.
 */
export function request(t: Target, work: Work, retried = false): Promise<Sample> {
  const path = pathOf(work);
  const headers = typeof work === "string" ? { ...t.headers, host: t.host } : { host: t.host, ...t.headers, ...work.headers };
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const options = { host: "127.0.0.1", port: t.port, path, method: "GET", agent: t.agent, headers };
    const onResponse = (res: http.IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ ms: Number(process.hrtime.bigint() - started) / 1e6, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    };
    const req = t.tls ? https.request({ ...options, servername: headers.host.replace(/:\d+$/, "") }, onResponse) : http.request(options, onResponse);
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: GET ${path} on ${t.name}`)));
    req.on("error", (err: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && (err.code === "ECONNRESET" || err.code === "EPIPE")) resolve(request(t, work, true));
      else reject(err);
    });
    req.end();
  });
}

export type RunStats = { latencies: number[]; byPath: Map<string, number[]>; errors: number; firstError: string | null; requests: number; seconds: number };

const emptyStats = (): RunStats => ({ latencies: [], byPath: new Map(), errors: 0, firstError: null, requests: 0, seconds: 0 });

function record(stats: RunStats, s: Sample, work: Work): void {
  const label = labelOf(work);
  stats.requests++;
  stats.latencies.push(s.ms);
  if (!stats.byPath.has(label)) stats.byPath.set(label, []);
  stats.byPath.get(label)!.push(s.ms);
  if (s.status !== 200) {
    stats.errors++;
    stats.firstError ??= `HTTP ${s.status} for ${pathOf(work)}: ${s.body.slice(0, 200)}`;
  }
}

/** `count` requests one after another (fewer if `maxMs` runs out first); `paths` is cycled from `offset`. */
export async function sequential(t: Target, paths: Work[], count: number, offset = 0, maxMs = Infinity): Promise<RunStats> {
  const stats = emptyStats();
  const started = performance.now();
  for (let i = 0; i < count && performance.now() - started < maxMs; i++) {
    const path = paths[(offset + i) % paths.length];
    record(stats, await request(t, path), path);
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

/** `concurrency` workers each sending back-to-back requests until `durationMs` has passed. */
export async function closedLoop(t: Target, paths: Work[], concurrency: number, durationMs: number, offset = 0): Promise<RunStats> {
  const stats = emptyStats();
  const started = performance.now();
  const deadline = started + durationMs;
  let next = offset;
  const worker = async () => {
    while (performance.now() < deadline) {
      const path = paths[next++ % paths.length];
      record(stats, await request(t, path), path);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

/**
 * Open loop: a request every 1000/rate ms whatever the answers do (a closed loop slows down
 * with the server and so hides its queueing). Latency counts from when the request was due,
 * so a stalled server shows in it. At most `maxInFlight` outstanding: a due request beyond
 * that is counted as an error ("overloaded") instead of being sent.
 */
export async function openLoop(
  t: Target,
  work: Work[],
  ratePerSecond: number,
  durationMs: number,
  onAnswer?: (atMs: number, ms: number, ok: boolean) => void,
  maxInFlight = 256,
): Promise<RunStats> {
  const stats = emptyStats();
  const started = performance.now();
  let issued = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  const send = (due: number) => {
    const w = work[issued++ % work.length];
    if (inFlight >= maxInFlight) {
      record(stats, { ms: performance.now() - due, status: 0, body: "overloaded: too many requests outstanding" }, w);
      return;
    }
    inFlight++;
    const p: Promise<void> = request(t, w)
      .then(
        (s) => ({ ...s, ms: performance.now() - due }),
        (err: Error) => ({ ms: performance.now() - due, status: 0, body: err.message }),
      )
      .then((s) => {
        record(stats, s, w);
        onAnswer?.(due - started, s.ms, s.status === 200);
      })
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  };
  while (performance.now() - started < durationMs) {
    const elapsed = performance.now() - started;
    const due = Math.floor((elapsed * ratePerSecond) / 1000);
    while (issued < due) send(started + (issued * 1000) / ratePerSecond);
    await new Promise((r) => setTimeout(r, 2));
  }
  await Promise.all(pending);
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

export function merge(runs: RunStats[]): RunStats {
  const out = emptyStats();
  for (const r of runs) {
    out.latencies.push(...r.latencies);
    for (const [path, ms] of r.byPath) out.byPath.set(path, [...(out.byPath.get(path) ?? []), ...ms]);
    out.errors += r.errors;
    out.firstError ??= r.firstError;
    out.requests += r.requests;
    out.seconds += r.seconds;
  }
  return out;
}

/** A benchmark's figures to bench/results/<name>.json (what the README quotes) and to the console. */
export async function writeBenchResult(name: string, result: unknown): Promise<void> {
  const text = `${JSON.stringify(result, null, 2)}\n`;
  await mkdir("bench/results", { recursive: true });
  await writeFile(`bench/results/${name}.json`, text);
  console.log(text.trimEnd());
}

/** Nearest-rank percentile, `p` in 0..100. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

let clockTicks: number | undefined;
/** CPU time (user + system, ms) a process has used so far, from /proc; null where there is no /proc. */
export function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return null;
  }
}
