/**
 * One inter-process lock for the dev tools (cluster state directory, PULUMI_HOME).
 *
 * The lock is a directory, made with mkdir (atomic), holding an `owner` file with the holder's
 * pid. The one stale-lock rule: a lock is stale when its owner file names a process that is no
 * longer alive, or when it has no owner file and is older than `unclaimedStaleMs` (its maker died
 * between mkdir and writing the pid). A stale lock is removed and taken; a live one is waited for.
 */
import fs from "node:fs";
import path from "node:path";
import { isAlive } from "./process.ts";
import { sleep } from "./wait.ts";

export interface LockOptions {
  /** How long to wait for a live holder before failing. */
  timeoutMs: number;
  /** Age after which a lock without an owner file is stale (default 10 s). */
  unclaimedStaleMs?: number;
  /** Pause between attempts (default 100 ms). */
  pollMs?: number;
}

const OWNER = "owner";

/** The pid recorded in the lock at `lockPath`, or undefined when there is none (yet). */
export function lockHolder(lockPath: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(lockPath, OWNER), "utf8"));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock at `lockPath` is stale by the one rule above. */
function isStale(lockPath: string, unclaimedStaleMs: number): boolean {
  const holder = lockHolder(lockPath);
  if (holder !== undefined) return !isAlive(holder);
  const stat = fs.statSync(lockPath, { throwIfNoEntry: false });
  return stat !== undefined && Date.now() - stat.mtimeMs > unclaimedStaleMs;
}

/** Runs `fn` while holding the lock at `lockPath` (a path that must not be used for anything else). */
export async function withLock<T>(lockPath: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const unclaimedStaleMs = options.unclaimedStaleMs ?? 10_000;
  const deadline = Date.now() + options.timeoutMs;
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lockPath, { mode: 0o700 });
      fs.writeFileSync(path.join(lockPath, OWNER), String(process.pid), { mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const seen = fs.statSync(lockPath, { throwIfNoEntry: false });
    if (seen && isStale(lockPath, unclaimedStaleMs)) {
      // Remove only the lock judged stale, not one another waiter made in the meantime.
      if (fs.statSync(lockPath, { throwIfNoEntry: false })?.ino === seen.ino) {
        fs.rmSync(lockPath, { recursive: true, force: true });
      }
      continue;
    }
    if (Date.now() > deadline) {
      const holder = lockHolder(lockPath);
      throw new Error(`${lockPath} is held by ${holder === undefined ? "a process starting up" : `pid ${holder}`}`);
    }
    await sleep(options.pollMs ?? 100);
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockPath, { recursive: true, force: true });
  }
}
