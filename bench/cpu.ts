// Where the CPU goes during a run, from /proc: a process tree's CPU time (a
// PostgreSQL postmaster and its backends, a server and anything it forked) and
// the whole machine's busy time, so each share can be put against the total
// (on a shared machine, "others" is everything we did not start).
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

let ticksPerSecond: number | undefined;
const msPerTick = () => 1000 / (ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100);

type Stat = { ppid: number; ms: number };

/** utime + stime + cutime + cstime: a process's CPU and that of its children it has already reaped. */
function readStat(pid: number): Stat | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * msPerTick() };
  } catch {
    return null;
  }
}

/**
 * CPU time (ms) of a process and all its live descendants, each counted with its
 * reaped children: monotonic across backends that come and go, so two readings'
 * difference is what the tree used in between. null when the process is gone.
 */
export function treeCpuMs(root: number): number | null {
  const stats = new Map<number, Stat>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) stats.set(Number(name), s);
  }
  if (!stats.has(root)) return null;
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += stats.get(pid)?.ms ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** The machine's busy and total CPU time so far (ms summed over cores), from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1, 9).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: (total - f[3] - f[4]) * msPerTick(), total: total * msPerTick() };
}

/** The postmaster's pid, from the data directory's postmaster.pid. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
}

/** The load generator itself (this process: user + system, ms). */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export type CpuShares = { seconds: number; machineBusyMs: number; machineCapacityMs: number; byProcess: Record<string, number | null>; othersMs: number };

/** Reads every named tree (and the machine) now; `end()` returns what each used since. */
export function cpuMeter(trees: Record<string, number>): { end(): CpuShares } {
  const read = () => ({
    at: performance.now(),
    machine: machineCpuMs(),
    own: ownCpuMs(),
    trees: Object.fromEntries(Object.entries(trees).map(([name, pid]) => [name, treeCpuMs(pid)])),
  });
  const a = read();
  return {
    end() {
      const b = read();
      const byProcess: Record<string, number | null> = { "load generator": Math.round(b.own - a.own) };
      for (const name of Object.keys(trees)) {
        const x = a.trees[name];
        const y = b.trees[name];
        byProcess[name] = x === null || y === null ? null : Math.round(y - x);
      }
      const machineBusyMs = Math.round(b.machine.busy - a.machine.busy);
      const ours = Object.values(byProcess).reduce<number>((s, v) => s + (v ?? 0), 0);
      return { seconds: (b.at - a.at) / 1000, machineBusyMs, machineCapacityMs: Math.round(b.machine.total - a.machine.total), byProcess, othersMs: Math.max(0, machineBusyMs - ours) };
    },
  };
}
