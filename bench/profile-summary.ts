// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by
// module (package or source area), the top N of each, as shares of the sampled time.
//
//   npx tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [skip-seconds=0]
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** "next/dist/compiled/…" → "next", "/lib/http/api-route.ts" → "app lib/http", node:internal → "node". */
function moduleOf(url: string): string {
  if (!url) return "(native/VM)";
  if (url.startsWith("node:")) return "node";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const chunk = url.match(/\.next\/server\/(.*)$/);
  if (chunk) return `.next/server ${chunk[1].split("/").slice(0, 2).join("/")}`;
  return url.replace(/^file:\/\//, "").replace(process.cwd(), "");
}

const IDLE = new Set(["(idle)", "(program)"]);

/** `skipSeconds`: leave out the first seconds of the profile (the server's start, module loading). */
export function summarise(p: Profile, top = 25, skipSeconds = 0): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: Node) => {
    const { functionName, url, lineNumber } = n.callFrame;
    return `${functionName || "(anonymous)"} ${moduleOf(url)}${url ? `:${lineNumber + 1}` : ""}`;
  };
  const self = new Map<number, number>();
  // Time per sample from timeDeltas (the sample's own interval), not hitCount × mean.
  let at = p.startTime;
  p.samples.forEach((id, i) => {
    at += p.timeDeltas[i];
    if (at - p.startTime >= skipSeconds * 1e6) self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i + 1] ?? 0));
  });
  const fn = new Map<string, number>();
  const mod = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    if (IDLE.has(node.callFrame.functionName)) {
      idle += us;
      continue;
    }
    busy += us;
    fn.set(label(node), (fn.get(label(node)) ?? 0) + us);
    const m = moduleOf(node.callFrame.url);
    mod.set(m, (mod.get(m) ?? 0) + us);
    // Inclusive: each function on the sample's stack once.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const l = label(byId.get(n)!);
      if (seen.has(l)) continue;
      seen.add(l);
      inclusive.set(l, (inclusive.get(l) ?? 0) + us);
    }
  }
  const rows = (m: Map<string, number>, skip: (k: string) => boolean = () => false) =>
    [...m]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${((us / busy) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  return [
    `sampled ${((busy + idle) / 1e6).toFixed(1)} s, busy (not idle) ${(busy / 1e6).toFixed(1)} s`,
    `\nself time by module (share of busy time):`,
    ...rows(mod),
    `\nself time by function:`,
    ...rows(fn),
    `\ninclusive time by function (app and Next frames; roots and runtime plumbing left out):`,
    ...rows(inclusive, (k) => k.startsWith("(root)") || / node:\d+$/.test(k) || k.startsWith("(anonymous) (native")),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx bench/profile-summary.ts <file.cpuprofile> [top]");
    process.exit(2);
  }
  console.log(summarise(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(process.argv[3] ?? 25), Number(process.argv[4] ?? 0)));
}
