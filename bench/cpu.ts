// CPU time of a process tree from /proc: a figure that holds up on a machine shared with other work, unlike wall time.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

interface Stat {
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks (reaped children count in their parent). */
  ticks: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(fields[i] ?? 0);
    return { ppid: n(1), ticks: n(11) + n(12) + n(13) + n(14) };
  } catch {
    return undefined;
  }
}

/** Seconds of CPU used so far by `rootPid` and its live descendants; undefined when it is not on this machine. */
export function processTreeCpuSeconds(rootPid: number | undefined): number | undefined {
  if (!rootPid) return undefined;
  const root = readStat(rootPid);
  if (!root) return undefined;
  const children = new Map<number, number[]>();
  const stats = new Map<number, Stat>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (!stat) continue;
    stats.set(pid, stat);
    const list = children.get(stat.ppid) ?? [];
    list.push(pid);
    children.set(stat.ppid, list);
  }
  let ticks = 0;
  const queue = [rootPid];
  while (queue.length) {
    const pid = queue.pop()!;
    ticks += (pid === rootPid ? root : stats.get(pid))?.ticks ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return ticks / clockTicks();
}

/** Reads a pid file written by a server (first line); undefined when missing. */
export function pidFromFile(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export interface CpuMeter {
  /** CPU seconds used by each named process tree since the meter started (undefined when not measurable). */
  stop: () => Record<string, number | undefined>;
}

/** Starts measuring the named process trees, plus this process ("bench"). */
export function startCpuMeter(pids: Record<string, number | undefined>): CpuMeter {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, processTreeCpuSeconds(pid)]));
  const self = process.cpuUsage();
  return {
    stop: () => {
      const used: Record<string, number | undefined> = {};
      for (const [name, pid] of Object.entries(pids)) {
        const start = before[name];
        const end = processTreeCpuSeconds(pid);
        used[name] = start === undefined || end === undefined ? undefined : end - start;
      }
      const mine = process.cpuUsage(self);
      used.bench = (mine.user + mine.system) / 1e6;
      return used;
    },
  };
}
