/**
 * Fault injection: stopping and restarting only kube-apiserver of a started cluster. etcd, the
 * controller manager and the state directory stay, so the API server comes back on the same
 * port with the same flags, certificates and data.
 */
import fs from "node:fs";
import path from "node:path";
import { withLock } from "../lock.ts";
import { type LogOption, makeLogger, secs } from "../log.ts";
import { readAdminToken } from "./credentials.ts";
import { apiserverArgs, controllerManagerArgs } from "./flags.ts";
import { portIsFree } from "./net.ts";
import { runs, spawnDetached, terminate } from "./processes.ts";
import { apiAnswers, waitFor } from "./readiness.ts";
import {
  type ClusterInfo,
  clusterPaths,
  defaultClusterDir,
  describeCluster,
  startedState,
  writeState,
} from "./state.ts";

export interface ApiServerOptions {
  dir?: string;
  timeoutMs?: number;
  log?: LogOption;
}

/**
 * Stops kube-apiserver with `signal`: SIGTERM (default) is a graceful shutdown, SIGKILL a crash.
 * A process that ignores SIGTERM for `timeoutMs` gets SIGKILL.
 */
export async function stopApiServer(
  opts: ApiServerOptions & { signal?: "SIGTERM" | "SIGKILL" } = {},
): Promise<{ stopped: boolean; pid: number | undefined; stopMs: number }> {
  const log = makeLogger(opts.log, "cluster");
  const dir = path.resolve(opts.dir ?? defaultClusterDir());
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const signal = opts.signal ?? "SIGTERM";
  return withLock(clusterPaths(dir).lock, { timeoutMs: timeoutMs + 10_000 }, async () => {
    const t0 = Date.now();
    const pid = startedState(dir).pids.apiserver;
    const wasRunning = runs("apiserver", pid);
    await terminate({ apiserver: pid }, timeoutMs, log, signal);
    const how = wasRunning ? `stopped with ${signal}` : "was not running";
    log(`kube-apiserver (pid ${pid}) ${how} (${secs(Date.now() - t0)})`);
    return { stopped: wasRunning, pid, stopMs: Date.now() - t0 };
  });
}

/**
 * Starts kube-apiserver again after `stopApiServer` and waits for /readyz; restarts the
 * controller manager too if it exited meanwhile. Harmless when the API server runs.
 */
export async function startApiServer(
  opts: ApiServerOptions = {},
): Promise<ClusterInfo & { running: true; restarted: string[]; startMs: number }> {
  const log = makeLogger(opts.log, "cluster");
  const dir = path.resolve(opts.dir ?? defaultClusterDir());
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const paths = clusterPaths(dir);
  return withLock(paths.lock, { timeoutMs }, async () => {
    const t0 = Date.now();
    const state = startedState(dir);
    const deadline = Date.now() + timeoutMs;
    const restarted: string[] = [];
    if (!runs("apiserver", state.pids.apiserver)) {
      // A killed multi-threaded process can show as gone before its last thread releases the port.
      const port = state.ports.apiserver;
      await waitFor(`port ${port} to be free`, () => portIsFree(port), deadline);
      const proc = spawnDetached("apiserver", state.binDir, apiserverArgs(paths, state.ports), dir);
      state.pids.apiserver = proc.pid;
      writeState(dir, state);
      const [ca, token] = [fs.readFileSync(state.caFile), readAdminToken(paths)];
      await waitFor("kube-apiserver /readyz", () => apiAnswers(state.server, ca, token), deadline, [proc]);
      restarted.push("kube-apiserver");
    }
    if (state.pids.controllerManager !== undefined && !runs("controllerManager", state.pids.controllerManager)) {
      const args = controllerManagerArgs(paths, state.ports, state.controllers);
      state.pids.controllerManager = spawnDetached("controllerManager", state.binDir, args, dir).pid;
      writeState(dir, state);
      restarted.push("kube-controller-manager");
    }
    const what = restarted.length ? `restarted ${restarted.join(", ")}` : "kube-apiserver already running";
    log(`${what} (${secs(Date.now() - t0)})`);
    return { ...describeCluster(state), running: true, restarted, startMs: Date.now() - t0 };
  });
}
