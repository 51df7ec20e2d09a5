/**
 * The cluster's processes: started detached (they outlive the process that starts them, so
 * `npm run cluster -- start` can return), logging to files in the state directory, and stopped
 * by pid after checking the pid still runs the binary we started.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Log } from "../log.ts";
import { secs } from "../log.ts";
import { isAlive } from "../process.ts";
import { sleep } from "../wait.ts";
import { BINARIES, type ClusterState, type Component } from "./state.ts";

/** A process this module started, and how it ended if it has. */
export interface Started {
  component: Component;
  pid: number;
  logPath: string;
  exited?: string;
}

/** Whether `pid` is alive and runs `component`'s binary. */
export const runs = (component: Component, pid: number | undefined): boolean => isAlive(pid, BINARIES[component]);

/** The recorded processes that still run. */
export function livePids(state: ClusterState | undefined): Partial<Record<Component, number>> {
  const entries = Object.entries(state?.pids ?? {}) as [Component, number][];
  return Object.fromEntries(entries.filter(([component, pid]) => runs(component, pid)));
}

/** Starts `component` from `binDir` with `args`, detached, stdout and stderr appended to `<dir>/<binary>.log`. */
export function spawnDetached(component: Component, binDir: string, args: readonly string[], dir: string): Started {
  const binary = BINARIES[component];
  const logPath = path.join(dir, `${binary}.log`);
  const fd = fs.openSync(logPath, "a", 0o600);
  // etcd reads ETCD_* variables as flags: keep the caller's from leaking in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("ETCD_")));
  try {
    const child = spawn(path.join(binDir, binary), args, { cwd: dir, env, detached: true, stdio: ["ignore", fd, fd] });
    const started: Started = { component, pid: child.pid ?? 0, logPath };
    if (!child.pid) started.exited = "spawn failed";
    child.on("error", (err) => (started.exited ??= err.message));
    child.on("exit", (code, signal) => (started.exited ??= signal ? `signal ${signal}` : `code ${code}`));
    child.unref();
    return started;
  } finally {
    fs.closeSync(fd);
  }
}

/** The last `lines` lines of a log file. */
export function tail(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** For `eventually`'s `fatal`: an error with its log when one of `started` has exited. */
export function exitedError(started: readonly Started[], what: string): Error | undefined {
  const gone = started.find((p) => p.exited);
  if (!gone) return undefined;
  const binary = BINARIES[gone.component];
  return new Error(
    `${binary} exited (${gone.exited}) while waiting for ${what}; ${gone.logPath}:\n${tail(gone.logPath)}`,
  );
}

/** The tails of the logs of `started`, for a timeout error. */
export const logTails = (started: readonly Started[]) => () =>
  started.map((p) => `--- ${p.logPath}\n${tail(p.logPath, 15)}`).join("\n");

/**
 * Sends `signal` to each running process of `pids`, waits up to `timeoutMs` for them to go, then
 * SIGKILLs the rest. Fails when any is still there 5 s later.
 */
export async function terminate(
  pids: Partial<Record<Component, number>>,
  timeoutMs: number,
  log: Log,
  signal: NodeJS.Signals = "SIGTERM",
): Promise<void> {
  const entries = (Object.entries(pids) as [Component, number][]).filter(([c, pid]) => runs(c, pid));
  if (!entries.length) return;
  const kill = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {}
  };
  const remaining = async (ms: number) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const alive = entries.filter(([c, pid]) => runs(c, pid));
      if (!alive.length || Date.now() > deadline) return alive;
      await sleep(50);
    }
  };
  for (const [, pid] of entries) kill(pid, signal);
  for (const [c, pid] of await remaining(timeoutMs)) {
    log(`${BINARIES[c]} (pid ${pid}) ignored ${signal} for ${secs(timeoutMs)}: SIGKILL`);
    kill(pid, "SIGKILL");
  }
  const left = await remaining(5000);
  if (left.length) throw new Error(`could not stop ${left.map(([c, p]) => `${BINARIES[c]} (pid ${p})`).join(", ")}`);
}

/** Stops whatever the state names: the controller manager and the API server first, etcd last. */
export async function stopProcesses(state: ClusterState | undefined, timeoutMs: number, log: Log): Promise<void> {
  const { etcd, ...rest } = state?.pids ?? {};
  await terminate(rest, timeoutMs, log);
  if (etcd) await terminate({ etcd }, timeoutMs, log);
}
