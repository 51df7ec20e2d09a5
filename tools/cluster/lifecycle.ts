/**
 * Starting, inspecting and stopping the local control plane: etcd, kube-apiserver and
 * kube-controller-manager on free ports of 127.0.0.1, detached, with their state (data, keys,
 * certificates, logs, kubeconfig) in one directory (mode 0700). A started cluster outlives the
 * process that started it; every call takes the directory's lock.
 */
import fs from "node:fs";
import path from "node:path";
import { withLock } from "../lock.ts";
import { type Log, type LogOption, makeLogger, secs } from "../log.ts";
import { checkBinaries, toolchainBinDir } from "../toolchain/index.ts";
import {
  makeClientCa,
  readAdminToken,
  renderKubeconfig,
  writeAdminToken,
  writePrivate,
  writeServiceAccountKeys,
} from "./credentials.ts";
import { DEFAULT_CONTROLLERS, apiserverArgs, controllerManagerArgs, etcdArgs } from "./flags.ts";
import { freePorts } from "./net.ts";
import { type Started, livePids, spawnDetached, stopProcesses } from "./processes.ts";
import { apiAnswers, etcdHealthy, waitFor } from "./readiness.ts";
import {
  BINARIES,
  type ClusterInfo,
  type ClusterState,
  type Component,
  HOST,
  clusterPaths,
  defaultClusterDir,
  describeCluster,
  readState,
  writeState,
} from "./state.ts";

export interface ClusterOptions {
  /** The state directory (default: see defaultClusterDir). */
  dir?: string;
  log?: LogOption;
}

export interface StartOptions extends ClusterOptions {
  /** Where etcd, kube-apiserver and kube-controller-manager are (default: the toolchain's). */
  binDir?: string;
  /** Run kube-controller-manager (default true). */
  controllerManager?: boolean;
  /** Its controllers (default DEFAULT_CONTROLLERS). */
  controllers?: readonly string[];
  /** Give up starting after this long (default 120 s). */
  timeoutMs?: number;
}

export interface ClusterStatus extends Partial<ClusterInfo> {
  dir: string;
  /** Every recorded process runs and the API server answers /readyz. */
  running: boolean;
  /** Recorded processes that no longer run. */
  dead: Component[];
  ready: boolean;
  /** A state directory exists but the cluster does not run. */
  stale: boolean;
}

export interface StartedCluster extends ClusterInfo {
  running: true;
  /** The cluster was running already and was reused. */
  alreadyRunning: boolean;
  startMs?: number;
}

const resolveDir = (dir?: string) => path.resolve(dir ?? defaultClusterDir());

/** The status of the cluster in `opts.dir`. */
export async function clusterStatus(opts: { dir?: string } = {}): Promise<ClusterStatus> {
  const dir = resolveDir(opts.dir);
  const state = readState(dir);
  if (!state || state.phase !== "running") {
    return { running: false, dir, dead: [], ready: false, stale: fs.existsSync(dir) };
  }
  const live = livePids(state);
  const dead = (Object.keys(state.pids) as Component[]).filter((c) => live[c] === undefined);
  let ready = false;
  if (!dead.length) {
    const paths = clusterPaths(dir);
    ready = await apiAnswers(state.server, fs.readFileSync(state.caFile), readAdminToken(paths)).catch(() => false);
  }
  const running = !dead.length && ready;
  return { ...describeCluster(state), running, dead, ready, stale: !running };
}

/** Starts the cluster in `opts.dir`, or returns the running one (`alreadyRunning: true`). */
export async function startCluster(opts: StartOptions = {}): Promise<StartedCluster> {
  const log = makeLogger(opts.log, "cluster");
  const dir = resolveDir(opts.dir);
  const timeoutMs = opts.timeoutMs ?? 120_000;
  return withLock(clusterPaths(dir).lock, { timeoutMs }, async () => {
    const t0 = Date.now();
    const status = await clusterStatus({ dir });
    if (status.running) {
      log(`already running: ${status.server} (kubeconfig: ${status.kubeconfigPath})`);
      return { ...describeCluster(readState(dir)!), running: true, alreadyRunning: true };
    }
    if (fs.existsSync(dir)) {
      log(`cleaning stale state in ${dir}`);
      await stopProcesses(readState(dir), 10_000, log);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const state = await boot(dir, opts, log, Date.now() + timeoutMs);
    log(`started in ${secs(Date.now() - t0)}; kubeconfig: ${state.kubeconfigPath}`);
    return { ...describeCluster(state), running: true, alreadyRunning: false, startMs: Date.now() - t0 };
  });
}

/** Makes the state directory and credentials, then starts and waits for each process in turn. */
async function boot(dir: string, opts: StartOptions, log: Log, deadline: number): Promise<ClusterState> {
  const withKcm = opts.controllerManager ?? true;
  const binDir = toolchainBinDir(opts.binDir);
  checkBinaries(binDir, withKcm ? Object.values(BINARIES) : [BINARIES.etcd, BINARIES.apiserver]);
  const paths = clusterPaths(dir);
  fs.mkdirSync(paths.pki, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const [etcd, etcdPeer, apiserver, controllerManager] = (await freePorts(4)) as [number, number, number, number];
  const state: ClusterState = {
    phase: "starting",
    dir,
    binDir,
    server: `https://${HOST}:${apiserver}`,
    caFile: paths.servingCert,
    kubeconfigPath: paths.kubeconfig,
    ports: { etcd, etcdPeer, apiserver, ...(withKcm ? { controllerManager } : {}) },
    controllers: [...(opts.controllers ?? DEFAULT_CONTROLLERS)],
    pids: {},
    logs: {},
    startedAt: new Date().toISOString(),
  };
  const started: Started[] = [];
  const start = (component: Component, args: string[]) => {
    const proc = spawnDetached(component, binDir, args, dir);
    started.push(proc);
    state.pids[component] = proc.pid;
    state.logs[component] = proc.logPath;
    writeState(dir, state);
    return proc;
  };
  let t = Date.now();
  const step = (message: string) => {
    log(`${message} (${secs(Date.now() - t)})`);
    t = Date.now();
  };
  try {
    writeServiceAccountKeys(paths);
    const token = writeAdminToken(paths);
    makeClientCa(paths);
    writeState(dir, state);
    step(`credentials in ${dir}`);

    const etcdUrl = `http://${HOST}:${etcd}`;
    const etcdProc = start("etcd", etcdArgs(paths, state.ports));
    await waitFor("etcd /health", () => etcdHealthy(etcdUrl), deadline, started);
    step(`etcd ready on ${etcdUrl}, pid ${etcdProc.pid}`);

    const apiProc = start("apiserver", apiserverArgs(paths, state.ports));
    // kube-apiserver writes its serving certificate (our CA bundle) shortly after it starts.
    const ca = () => fs.readFileSync(paths.servingCert);
    await waitFor("kube-apiserver /readyz", () => apiAnswers(state.server, ca(), token), deadline, started);
    const kubeconfig = renderKubeconfig({
      server: state.server,
      caPem: ca(),
      userName: "kubesecret-admin",
      credentials: { token },
    });
    writePrivate(paths.kubeconfig, kubeconfig);
    step(`kube-apiserver ready on ${state.server}, pid ${apiProc.pid}`);

    if (withKcm) {
      const kcm = start("controllerManager", controllerManagerArgs(paths, state.ports, state.controllers));
      step(`kube-controller-manager started on https://${HOST}:${controllerManager}, pid ${kcm.pid}`);
    }
    const api = (p: string) => () => apiAnswers(state.server, ca(), token, p);
    await waitFor("the default namespace", api("/api/v1/namespaces/default"), deadline, started);
    if (withKcm) {
      const sa = "/api/v1/namespaces/default/serviceaccounts/default";
      await waitFor("the default service account", api(sa), deadline, started);
    }
    step(`default namespace${withKcm ? " and service account" : ""} exist`);
    state.phase = "running";
    writeState(dir, state);
    return state;
  } catch (err) {
    state.phase = "failed";
    writeState(dir, state);
    await stopProcesses(state, 5000, log).catch(() => {});
    const message = `cluster start failed (logs kept in ${dir}; \`stop\` removes them): ${(err as Error).message}`;
    throw new Error(message, { cause: err });
  }
}

/** Stops the cluster in `opts.dir` and removes its directory. Harmless when nothing runs. */
export async function stopCluster(
  opts: ClusterOptions & { timeoutMs?: number } = {},
): Promise<{ stopped: boolean; dir: string; stopMs: number }> {
  const log = makeLogger(opts.log, "cluster");
  const dir = resolveDir(opts.dir);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return withLock(clusterPaths(dir).lock, { timeoutMs: timeoutMs + 10_000 }, async () => {
    const t0 = Date.now();
    if (!fs.existsSync(dir)) {
      log("not running");
      return { stopped: false, dir, stopMs: Date.now() - t0 };
    }
    const state = readState(dir);
    const live = Object.keys(livePids(state)) as Component[];
    await stopProcesses(state, timeoutMs, log);
    fs.rmSync(dir, { recursive: true, force: true });
    const what = live.map((c) => BINARIES[c]).join(", ") || "no live processes";
    log(`stopped (${what}) and removed ${dir} (${secs(Date.now() - t0)})`);
    return { stopped: live.length > 0, dir, stopMs: Date.now() - t0 };
  });
}
