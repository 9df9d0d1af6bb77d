// Reads a V8 .cpuprofile (node --cpu-prof) and says where the time went: the
// top functions by self time, and self time grouped by whose code it is
// (node's internals, Next, React, pg, Prisma, other packages, Atrium's own).
import { readFileSync } from "node:fs";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame };
type CpuProfile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export type ProfileFunction = { function: string; file: string; owner: string; selfMs: number; share: number };
export type ProfileSummary = { profiledMs: number; busyMs: number; windowed: boolean; top: ProfileFunction[]; byOwner: { owner: string; selfMs: number; share: number }[] };

/** Whose code a frame is, from its script's URL (Atrium's compiled pages and routes live in .next/server). */
export function ownerOf(frame: CallFrame): string {
  const url = frame.url;
  if (!url) return frame.functionName === "(garbage collector)" ? "V8 garbage collector" : "V8 / native";
  if (url.startsWith("node:")) return "node internals";
  const pkg = url.match(/node_modules[/_](@[^/_]+[/_][^/_]+|[^/_]+)/)?.[1]?.replace("_", "/");
  if (pkg) {
    if (pkg === "next" || pkg.startsWith("@next")) return "next";
    if (/^react(-dom|-server|\/|$)/.test(pkg) || pkg.startsWith("react")) return "react";
    if (/^pg(-|$)/.test(pkg)) return "pg";
    if (pkg.startsWith("@prisma") || pkg === "prisma") return "prisma";
    return `package ${pkg}`;
  }
  if (url.includes("/lib/generated/prisma")) return "prisma";
  if (url.includes("/.next/server/")) return "Atrium (compiled, .next/server)";
  return "Atrium (source)";
}

const shortFile = (frame: CallFrame) => {
  if (!frame.url) return "(native)";
  const file = frame.url.replace(/^file:\/\//, "");
  const rel = file.startsWith(process.cwd()) ? path.relative(process.cwd(), file) : file;
  return `${rel}:${frame.lineNumber + 1}`;
};

/**
 * Self time per function, over the samples taken between `window.fromUs` and
 * `window.toUs` (CLOCK_MONOTONIC µs, the clock V8 stamps samples with on Linux;
 * process.hrtime reads the same) when given, so start-up is left out.
 */
export function summarizeCpuProfile(file: string, window?: { fromUs: number; toUs: number }, top = 10): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const stamps: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) stamps.push((t += d));
  const inWindow = (ts: number) => !window || (ts >= window.fromUs && ts <= window.toUs);
  const windowed = !!window && stamps.some(inWindow);
  const self = new Map<string, { frame: CallFrame; us: number }>();
  let profiledUs = 0;
  let busyUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    // A sample stands for the time until the next one (as DevTools counts it).
    const us = (stamps[i + 1] ?? profile.endTime) - stamps[i];
    if (windowed && !inWindow(stamps[i])) continue;
    profiledUs += us;
    const frame = byId.get(profile.samples[i])?.callFrame;
    if (!frame || frame.functionName === "(idle)" || frame.functionName === "(root)") continue;
    busyUs += us;
    const key = `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}`;
    const entry = self.get(key) ?? { frame, us: 0 };
    entry.us += us;
    self.set(key, entry);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  const share = (us: number) => Math.round((us / busyUs) * 1000) / 10;
  const owners = new Map<string, number>();
  for (const { frame, us } of self.values()) owners.set(ownerOf(frame), (owners.get(ownerOf(frame)) ?? 0) + us);
  return {
    profiledMs: ms(profiledUs),
    busyMs: ms(busyUs),
    windowed,
    top: [...self.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map(({ frame, us }) => ({ function: frame.functionName || "(anonymous)", file: shortFile(frame), owner: ownerOf(frame), selfMs: ms(us), share: share(us) })),
    byOwner: [...owners].sort((a, b) => b[1] - a[1]).map(([owner, us]) => ({ owner, selfMs: ms(us), share: share(us) })),
  };
}

export function formatProfile(p: ProfileSummary): string {
  const lines = [`CPU profile: ${p.busyMs} ms busy of ${p.profiledMs} ms profiled${p.windowed ? " (the window asked for)" : " (whole run, start-up included)"}`, "", "top functions by self time:"];
  for (const f of p.top) lines.push(`  ${String(f.share).padStart(5)} %  ${String(f.selfMs).padStart(8)} ms  ${f.function}  ${f.file}  [${f.owner}]`);
  lines.push("", "self time by owner:");
  for (const o of p.byOwner) lines.push(`  ${String(o.share).padStart(5)} %  ${String(o.selfMs).padStart(8)} ms  ${o.owner}`);
  return lines.join("\n");
}

//   npx tsx bench/cpu-profile.ts <file.cpuprofile> [top=25] [skip-seconds=0]
// Any profile, e.g. `npm run bench` with BENCH_CPU_PROF=<dir>; skip-seconds leaves the server's start-up out.
if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx bench/cpu-profile.ts <file.cpuprofile> [top] [skip-seconds]");
    process.exit(2);
  }
  const { startTime, endTime } = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const skipUs = Number(process.argv[4] ?? 0) * 1e6;
  console.log(formatProfile(summarizeCpuProfile(file, skipUs > 0 ? { fromUs: startTime + skipUs, toUs: endTime } : undefined, Number(process.argv[3] ?? 25))));
}
