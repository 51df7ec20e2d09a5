/** Whether a process is alive, as the dev tools' locks and the local cluster see it. */
import fs from "node:fs";
import path from "node:path";

/**
 * True when `pid` names a live process (a zombie is not alive), and when `binary` is given, one
 * whose argv[0] has that file name. Without /proc only the first part is checked.
 */
export function isAlive(pid: number | undefined, binary?: string): boolean {
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  if (!fs.existsSync("/proc/self")) return true;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    if (/\) [ZX] /.test(stat)) return false;
    if (!binary) return true;
    const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0] ?? "";
    return path.basename(argv0) === path.basename(binary);
  } catch {
    return false;
  }
}
