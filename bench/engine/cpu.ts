/**
 * CPU time spent by the processes this one has waited for: `pulumi` and everything it ran (the
 * engine, the language host and program, the provider), read from /proc/self/stat's cutime and
 * cstime before and after a CLI run. Unlike wall time it barely moves when other work competes
 * for the CPUs. Linux only: elsewhere there is no figure.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";

/** cutime + cstime (fields 16 and 17, in clock ticks) of a /proc/<pid>/stat line. */
export function childrenCpuTicks(statLine: string): number {
  // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
  const after = statLine.slice(statLine.lastIndexOf(")") + 2).split(" ");
  const [cutime, cstime] = [Number(after[13]), Number(after[14])];
  if (!Number.isInteger(cutime) || !Number.isInteger(cstime)) throw new Error("unreadable /proc stat line");
  return cutime + cstime;
}

let ticksPerSecond: number | undefined;

/** Milliseconds of CPU used so far by waited-for children, or undefined off Linux. */
export function childrenCpuMs(): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync("/proc/self/stat", "utf8");
  } catch {
    return undefined;
  }
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return (childrenCpuTicks(stat) * 1000) / ticksPerSecond;
}
