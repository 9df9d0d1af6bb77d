// Turns measurements into the printed table and bench/results/latest.json.
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { percentile, type RunStats } from "./load";

export const GOAL_P50_RATIO = 3;

export type Measured = { endpoint: string; target: string; latency: RunStats; throughput: RunStats; serverCpuMsPerRequest: number | null };
export type Row = {
  endpoint: string;
  target: string;
  p50_ms: number;
  p99_ms: number;
  latency_samples: number;
  rps_c16: number;
  throughput_requests: number;
  errors: number;
  /** CPU time of the server process per request during the concurrency-16 run (Linux /proc). */
  server_cpu_ms_per_req: number | null;
  /** p50 per request path at concurrency 1, for endpoints measured over a few paths. */
  p50_ms_by_path: Record<string, number> | null;
  p50_vs_floor: number | null;
  rps_vs_floor: number | null;
};

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function toRows(measured: Measured[], floorName: string): Row[] {
  const base = measured.map((m) => ({
    endpoint: m.endpoint,
    target: m.target,
    p50_ms: round(percentile(m.latency.latencies, 50), 2),
    p99_ms: round(percentile(m.latency.latencies, 99), 2),
    latency_samples: m.latency.latencies.length,
    rps_c16: round(m.throughput.requests / m.throughput.seconds, 0),
    throughput_requests: m.throughput.requests,
    errors: m.latency.errors + m.throughput.errors,
    server_cpu_ms_per_req: m.serverCpuMsPerRequest === null ? null : round(m.serverCpuMsPerRequest, 2),
    p50_ms_by_path: m.latency.byPath.size <= 10 ? Object.fromEntries([...m.latency.byPath].map(([p, ms]) => [p, round(percentile(ms, 50), 2)])) : null,
  }));
  return base.map((r) => {
    const floor = base.find((f) => f.endpoint === r.endpoint && f.target === floorName);
    return {
      ...r,
      p50_vs_floor: floor && r.target !== floorName ? round(r.p50_ms / floor.p50_ms, 2) : null,
      rps_vs_floor: floor && r.target !== floorName ? round(r.rps_c16 / floor.rps_c16, 2) : null,
    };
  });
}

export function formatTable(rows: Row[]): string {
  const header = ["endpoint", "target", "p50 ms", "p99 ms", "req/s @16", "p50 vs floor", "req/s vs floor"];
  const cells = rows.map((r) => [
    r.endpoint,
    r.target,
    r.p50_ms.toFixed(2),
    r.p99_ms.toFixed(2),
    String(r.rps_c16),
    r.p50_vs_floor === null ? "—" : `${r.p50_vs_floor.toFixed(2)}×`,
    r.rps_vs_floor === null ? "—" : `${r.rps_vs_floor.toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((v, i) => (i < 2 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i < 2 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...cells.map(line)].join("\n");
}

export function verdicts(rows: Row[]): string[] {
  return rows
    .filter((r) => r.p50_vs_floor !== null)
    .map((r) => `${r.endpoint}: ${r.target} p50 is ${r.p50_vs_floor!.toFixed(2)}× the floor — ${r.p50_vs_floor! <= GOAL_P50_RATIO ? "within" : "NOT within"} the ${GOAL_P50_RATIO}× goal`);
}

// Issue 15's goals for the hot path.
export const GOAL_BY_ID_P50_RATIO = 2;
export const GOAL_BY_ID_CPU_MS = 2.5;
export const GOAL_LIST_FLOOR_P50_MS = 10;
export const GOAL_DEEP_PAGE_RATIO = 1.2;

/** The hot path's verdicts: by-id against the floor and its CPU, every list page's floor p50, page 40 (by offset and by cursor) against page 1. */
export function hotPathVerdicts(rows: Row[], paths: { page1: string; page40: string; cursor40: string | undefined }): string[] {
  const out: string[] = [];
  const ok = (b: boolean) => (b ? "met" : "NOT met");
  const byId = rows.find((r) => r.endpoint === "GET /api/v1/tenants/{id}" && r.p50_vs_floor !== null);
  if (byId) {
    out.push(`goal by-id p50 ≤ ${GOAL_BY_ID_P50_RATIO}× the floor: ${byId.p50_vs_floor!.toFixed(2)}× — ${ok(byId.p50_vs_floor! <= GOAL_BY_ID_P50_RATIO)}`);
    if (byId.server_cpu_ms_per_req !== null) out.push(`goal by-id server CPU ≤ ${GOAL_BY_ID_CPU_MS} ms a request: ${byId.server_cpu_ms_per_req.toFixed(2)} ms — ${ok(byId.server_cpu_ms_per_req <= GOAL_BY_ID_CPU_MS)}`);
  }
  for (const r of rows.filter((x) => x.endpoint === "GET /api/v1/tenants" && x.p50_ms_by_path)) {
    const by = r.p50_ms_by_path!;
    if (r.p50_vs_floor === null) {
      const worst = Math.max(...Object.values(by));
      out.push(`goal every list page ≤ ${GOAL_LIST_FLOOR_P50_MS} ms p50 on the floor's SQL: slowest ${worst.toFixed(2)} ms — ${ok(worst <= GOAL_LIST_FLOOR_P50_MS)}`);
    }
    const p1 = by[paths.page1];
    for (const [label, path] of [["page 40", paths.page40], ["page 40 by cursor", paths.cursor40]] as const) {
      if (!path || by[path] === undefined || p1 === undefined) continue;
      const ratio = by[path] / p1;
      out.push(`goal ${label} ≤ ${GOAL_DEEP_PAGE_RATIO}× page 1 (updated_at desc), ${r.target}: ${ratio.toFixed(2)}× (${by[path].toFixed(2)} / ${p1.toFixed(2)} ms) — ${ok(ratio <= GOAL_DEEP_PAGE_RATIO)}`);
    }
  }
  return out;
}

/** Where the time goes: server CPU per request, and p50 per path where an endpoint has few. */
export function formatDetails(rows: Row[]): string {
  const out: string[] = [];
  const short = rows.filter((r) => r.latency_samples < Math.max(...rows.map((x) => x.latency_samples)));
  if (short.length) out.push(`fewer latency samples where a round hit its time limit: ${rows.map((r) => `${r.endpoint} ${r.target} ${r.latency_samples}`).join(", ")}`);
  const cpu = rows.filter((r) => r.server_cpu_ms_per_req !== null);
  if (cpu.length) {
    out.push("server process CPU per request at concurrency 16 (user+system, /proc):");
    for (const r of cpu) out.push(`  ${r.endpoint.padEnd(26)} ${r.target.padEnd(11)} ${r.server_cpu_ms_per_req!.toFixed(2).padStart(6)} ms`);
  }
  for (const endpoint of [...new Set(rows.map((r) => r.endpoint))]) {
    const withPaths = rows.filter((r) => r.endpoint === endpoint && r.p50_ms_by_path);
    if (withPaths.length === 0) continue;
    out.push(`${endpoint}: p50 ms by query at concurrency 1 (${withPaths.map((r) => r.target).join(" / ")}):`);
    const paths = Object.keys(withPaths[0].p50_ms_by_path!);
    const label = (p: string) => p.replace(/^[^?]*/, "").replace(/cursor=[^&]+/, "cursor=…");
    const width = Math.max(...paths.map((p) => label(p).length));
    for (const path of paths) {
      out.push(`  ${label(path).padEnd(width)} ${withPaths.map((r) => (r.p50_ms_by_path![path] ?? NaN).toFixed(2).padStart(7)).join(" / ")}`);
    }
  }
  return out.join("\n");
}

export async function writeResults(file: string, rows: Row[], meta: Record<string, unknown>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const machine = { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model ?? "unknown", memory_gb: round(os.totalmem() / 2 ** 30, 1) };
  const goal = { p50_vs_floor_max: GOAL_P50_RATIO, met: rows.filter((r) => r.p50_vs_floor !== null).every((r) => r.p50_vs_floor! <= GOAL_P50_RATIO) };
  await writeFile(file, `${JSON.stringify({ finished_at: new Date().toISOString(), machine, ...meta, goal, rows }, null, 2)}\n`);
}
