// The audit log's reads (issue 10 §6): 1,000,000 events across 1,000 tenants,
// then through Atrium's server: a page deep in the log (cursor depth 5,000
// pages) against the first page, filtered pages, and an export of every event
// while the server's memory is sampled. Called by bench/run.ts.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { encodeAuditCursor } from "@/lib/schemas/audit";
import { percentile, request, type Target } from "./load";
import { ownerRows, positionAt, seedAuditEvents, type AuditSeedSummary } from "./seed-audit-events";

export const AUDIT_EVENTS = 1_000_000;
export const AUDIT_TENANTS = 1_000;
const PAGE = 50;
const DEPTH = 5_000; // pages
const REQUESTS = 120; // per path, alternating with its pair
const GOAL_DEEP_RATIO = 1.5;
const GOAL_FILTERED_P50_MS = 20;
const GOAL_EXPORT_RSS_MB = 100;

type Log = (m: string) => void;
export type AuditBenchResult = {
  seed: AuditSeedSummary;
  deep: { shape: string; depth_pages: number; page1_p50_ms: number; deep_p50_ms: number; ratio: number }[];
  filtered: { filter: string; p50_ms: number; p99_ms: number }[];
  export: { rows: number; seconds: number; rows_per_second: number; bytes: number; rss_serving_lists_peak_mb: number; rss_before_mb: number; rss_peak_mb: number; rss_growth_mb: number };
};

const cursorParam = (p: { createdAt: Date; id: string }) => encodeURIComponent(encodeAuditCursor(p));

/** p50/p99 of GETs to each path, the paths taken in turn so drift in the machine hits both alike. */
async function timed(t: Target, paths: string[], n = REQUESTS): Promise<{ p50: number; p99: number }[]> {
  const ms = paths.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    for (const [j, path] of paths.entries()) {
      const s = await request(t, path);
      if (s.status !== 200) throw new Error(`GET ${path}: ${s.status} ${s.body.slice(0, 300)}`);
      if (i === 0 && JSON.parse(s.body).data.items.length === 0) throw new Error(`GET ${path}: no items (the bench would measure nothing)`);
      ms[j].push(s.ms);
    }
  }
  return ms.map((m) => ({ p50: percentile(m, 50), p99: percentile(m, 99) }));
}

/** Resident memory of a process and its descendants (Next may fork workers), in MB. */
function rssMb(pid: number): number {
  const children = (p: number): number[] => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((task) => readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      /* gone */
    }
    stack.push(...children(p));
  }
  return kb / 1024;
}

/** Streams GET path to the end, counting lines and bytes, while sampling the server's RSS every 50 ms. */
function streamExport(t: Target, path: string): Promise<{ rows: number; bytes: number; seconds: number; rssBefore: number; rssPeak: number }> {
  const pid = t.pid!;
  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 50);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port: t.port, path, headers: { ...t.headers, host: t.host } }, (res) => {
      if (res.statusCode !== 200) {
        clearInterval(sampler);
        reject(new Error(`GET ${path}: ${res.statusCode}`));
        res.resume();
        return;
      }
      let lines = 0;
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on("end", () => {
        clearInterval(sampler);
        rssPeak = Math.max(rssPeak, rssMb(pid));
        resolve({ rows: lines - 1, bytes, seconds: (performance.now() - started) / 1000, rssBefore, rssPeak });
      });
      res.on("error", reject);
    });
    req.on("error", (e) => {
      clearInterval(sampler);
      reject(e);
    });
  });
}

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

export async function benchAuditRead(url: string, app: Target, log: Log): Promise<AuditBenchResult> {
  log(`audit: seeding ${AUDIT_EVENTS.toLocaleString("en-US")} events across ${AUDIT_TENANTS.toLocaleString("en-US")} tenants…`);
  const seed = await seedAuditEvents(url, AUDIT_EVENTS, AUDIT_TENANTS);
  log(`audit: seeded in ${(seed.ms / 1000).toFixed(1)} s (indexes rebuilt in ${(seed.indexMs / 1000).toFixed(1)} s)`);

  // The large tenant (35% of the events) makes deep pages within one tenant possible; a typical one has ~640 events.
  const [{ tenant_id: bigTenant }] = await ownerRows<{ tenant_id: string }>(url, "SELECT tenant_id FROM audit_events WHERE tenant_id IS NOT NULL GROUP BY tenant_id ORDER BY count(*) DESC LIMIT 1");
  const [{ tenant_id: typical }] = await ownerRows<{ tenant_id: string }>(url, "SELECT tenant_id FROM audit_events WHERE tenant_id IS NOT NULL GROUP BY tenant_id ORDER BY count(*), tenant_id OFFSET 500 LIMIT 1");

  const shapes: { shape: string; first: string; where: string; values: unknown[]; depth: number }[] = [
    { shape: "platform-wide, newest first", first: `/api/v1/audit-log?limit=${PAGE}`, where: "true", values: [], depth: DEPTH },
    { shape: "one tenant, newest first", first: `/api/v1/tenants/${bigTenant}/audit-log?limit=${PAGE}`, where: "tenant_id = $1", values: [bigTenant], depth: DEPTH },
    {
      shape: "one tenant, event_type=member.*",
      first: `/api/v1/tenants/${bigTenant}/audit-log?limit=${PAGE}&event_type=member.*`,
      where: "tenant_id = $1 AND action LIKE 'member.%'",
      values: [bigTenant],
      depth: 2_500,
    },
    {
      shape: "platform-wide, event_type=member.role_changed",
      first: `/api/v1/audit-log?limit=${PAGE}&event_type=member.role_changed`,
      where: "action = 'member.role_changed'",
      values: [],
      depth: 2_500,
    },
  ];
  // The server's working set while it answers list requests: what the export's peak is compared with too.
  let servingPeak = rssMb(app.pid!);
  const servingSampler = setInterval(() => (servingPeak = Math.max(servingPeak, rssMb(app.pid!))), 100);
  const deep: AuditBenchResult["deep"] = [];
  for (const s of shapes) {
    const at = await positionAt(url, s.depth * PAGE, s.where, s.values);
    const [first, deepPage] = await timed(app, [s.first, `${s.first}&cursor=${cursorParam(at)}`]);
    deep.push({ shape: s.shape, depth_pages: s.depth, page1_p50_ms: round(first.p50, 2), deep_p50_ms: round(deepPage.p50, 2), ratio: round(deepPage.p50 / first.p50, 2) });
    log(`audit: ${s.shape}: page 1 p50 ${first.p50.toFixed(2)} ms, page ${s.depth.toLocaleString("en-US")} p50 ${deepPage.p50.toFixed(2)} ms`);
  }

  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  const filters = [
    { filter: "platform-wide event_type=member.role_changed", path: `/api/v1/audit-log?event_type=member.role_changed` },
    { filter: "platform-wide event_type=domain.*,api_key.*", path: `/api/v1/audit-log?event_type=domain.*,api_key.*` },
    { filter: "typical tenant event_type=member.*", path: `/api/v1/tenants/${typical}/audit-log?event_type=member.*` },
    { filter: "large tenant event_type=role.created", path: `/api/v1/tenants/${bigTenant}/audit-log?event_type=role.created` },
    { filter: "platform-wide one day, 90 days ago", path: `/api/v1/audit-log?from=${day(91)}&to=${day(90)}` },
    { filter: "large tenant one week, 200 days ago", path: `/api/v1/tenants/${bigTenant}/audit-log?from=${day(207)}&to=${day(200)}` },
    { filter: "typical tenant last 30 days", path: `/api/v1/tenants/${typical}/audit-log?from=${day(30)}` },
    { filter: "platform-wide q (trigram) person4242", path: `/api/v1/audit-log?q=person4242` },
    { filter: "typical tenant ip=198.51.0.0/16 + event_type", path: `/api/v1/tenants/${typical}/audit-log?ip=198.51.0.0%2F16&event_type=member.*` },
  ];
  const times = await timed(app, filters.map((f) => f.path), 60);
  const filtered = filters.map((f, i) => ({ filter: f.filter, p50_ms: round(times[i].p50, 2), p99_ms: round(times[i].p99, 2) }));
  for (const f of filtered) log(`audit: ${f.filter}: p50 ${f.p50_ms} ms, p99 ${f.p99_ms} ms`);

  clearInterval(servingSampler);
  log(`audit: exporting all ${AUDIT_EVENTS.toLocaleString("en-US")} events as CSV…`);
  const e = await streamExport(app, "/api/v1/audit-log/export?format=csv");
  const result: AuditBenchResult = {
    seed,
    deep,
    filtered,
    export: {
      rows: e.rows,
      seconds: round(e.seconds, 1),
      rows_per_second: Math.round(e.rows / e.seconds),
      bytes: e.bytes,
      rss_serving_lists_peak_mb: round(servingPeak),
      rss_before_mb: round(e.rssBefore),
      rss_peak_mb: round(e.rssPeak),
      rss_growth_mb: round(e.rssPeak - e.rssBefore),
    },
  };
  log(`audit: export: ${e.rows.toLocaleString("en-US")} rows in ${e.seconds.toFixed(1)} s, server RSS ${e.rssBefore.toFixed(0)} → peak ${e.rssPeak.toFixed(0)} MB (peak serving lists: ${servingPeak.toFixed(0)} MB)`);
  return result;
}

export function formatAuditResult(r: AuditBenchResult): string {
  const lines = [`Audit log: ${r.seed.events.toLocaleString("en-US")} events, ${r.seed.tenants.toLocaleString("en-US")} tenants (seeded in ${(r.seed.ms / 1000).toFixed(0)} s)`, ""];
  lines.push("| shape | page 1 p50 | page at depth | deep p50 | ratio (goal ≤ 1.5×) |", "|---|---|---|---|---|");
  for (const d of r.deep) lines.push(`| ${d.shape} | ${d.page1_p50_ms} ms | ${d.depth_pages.toLocaleString("en-US")} | ${d.deep_p50_ms} ms | ${d.ratio}× ${d.ratio <= GOAL_DEEP_RATIO ? "✓" : "✗"} |`);
  lines.push("", "| filter (50 per page) | p50 (goal ≤ 20 ms) | p99 |", "|---|---|---|");
  for (const f of r.filtered) lines.push(`| ${f.filter} | ${f.p50_ms} ms ${f.p50_ms <= GOAL_FILTERED_P50_MS ? "✓" : "✗"} | ${f.p99_ms} ms |`);
  const x = r.export;
  lines.push(
    "",
    `Export (CSV, every event): ${x.rows.toLocaleString("en-US")} rows in ${x.seconds} s = ${x.rows_per_second.toLocaleString("en-US")} rows/s, ${(x.bytes / 1e6).toFixed(0)} MB; server RSS ${x.rss_before_mb} → ${x.rss_peak_mb} MB (+${x.rss_growth_mb} MB, goal < ${GOAL_EXPORT_RSS_MB} MB ${x.rss_growth_mb < GOAL_EXPORT_RSS_MB ? "✓" : "✗"}; its peak while answering the list requests before: ${x.rss_serving_lists_peak_mb} MB)`,
  );
  return lines.join("\n");
}
