import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { childrenCpuMs, childrenCpuTicks } from "../../bench/engine/cpu.ts";

// /proc/<pid>/stat: pid (comm) state ppid ... utime stime cutime cstime ... (fields 14-17).
const stat = (comm: string, cutime: number, cstime: number) =>
  `4242 (${comm}) S 1 4242 4242 0 -1 4194560 500 9000 0 0 120 30 ${cutime} ${cstime} 20 0 1 0 1000 0 0`;

describe("childrenCpuTicks", () => {
  it("adds cutime and cstime, whatever the command name holds", () => {
    expect(childrenCpuTicks(stat("node", 700, 55))).toBe(755);
    expect(childrenCpuTicks(stat("a (b) c", 1, 2))).toBe(3);
  });

  it("fails when the line has no such fields", () => {
    expect(() => childrenCpuTicks("4242 (node) S 1")).toThrow(/unreadable/);
  });

  it("grows by the CPU a waited-for child used (Linux)", () => {
    const before = childrenCpuMs();
    if (before === undefined) return expect(process.platform).not.toBe("linux");
    // Busy for 200 ms of CPU in a child, which this process then waits for (slow on a busy machine).
    execFileSync(process.execPath, ["-e", "const t = process.cpuUsage(); while (process.cpuUsage(t).user < 2e5);"]);
    expect(childrenCpuMs()! - before).toBeGreaterThanOrEqual(190);
  }, 60_000);
});
