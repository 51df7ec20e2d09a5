/**
 * The local cluster's state directory: where each file lives, and `cluster.json`, the record of
 * its ports, processes and phase that every command reads.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The only address the cluster listens on or is contacted at. */
export const HOST = "127.0.0.1";

/** The processes of a cluster. */
export type Component = "etcd" | "apiserver" | "controllerManager";

/** Each component's binary in the toolchain's bin directory. */
export const BINARIES: Readonly<Record<Component, string>> = {
  etcd: "etcd",
  apiserver: "kube-apiserver",
  controllerManager: "kube-controller-manager",
};

export interface Ports {
  etcd: number;
  etcdPeer: number;
  apiserver: number;
  controllerManager?: number;
}

export interface ClusterState {
  phase: "starting" | "running" | "failed";
  dir: string;
  binDir: string;
  /** The API server's URL, `https://127.0.0.1:<port>`. */
  server: string;
  /** The CA bundle that verifies the API server (its self-signed serving certificate). */
  caFile: string;
  /** The admin's kubeconfig. */
  kubeconfigPath: string;
  ports: Ports;
  /** The controllers kube-controller-manager runs (when it runs). */
  controllers: string[];
  pids: Partial<Record<Component, number>>;
  logs: Partial<Record<Component, string>>;
  startedAt: string;
}

/** The files of a cluster in `dir`. Flags, credentials and users all name them from here. */
export function clusterPaths(dir: string) {
  const pki = path.join(dir, "pki");
  return {
    dir,
    state: path.join(dir, "cluster.json"),
    lock: `${dir}.lock`,
    etcdData: path.join(dir, "etcd"),
    pki,
    /** kube-apiserver writes its self-signed serving certificate here (--cert-dir). */
    servingCert: path.join(pki, "apiserver.crt"),
    controllerManagerCerts: path.join(pki, "kcm"),
    serviceAccountKey: path.join(pki, "sa.key"),
    serviceAccountPub: path.join(pki, "sa.pub"),
    /** The CA the API server trusts for client certificates (`--client-ca-file`); users' certificates come from it. */
    clientCaName: "client-ca",
    clientCaCert: path.join(pki, "client-ca.crt"),
    clientCaKey: path.join(pki, "client-ca.key"),
    tokens: path.join(dir, "tokens.csv"),
    kubeconfig: path.join(dir, "kubeconfig"),
    users: path.join(dir, "users"),
  };
}

export type ClusterPaths = ReturnType<typeof clusterPaths>;

/** `KUBESECRET_CLUSTER_DIR`, else `${XDG_RUNTIME_DIR:-tmpdir}/kubesecret-cluster`. */
export function defaultClusterDir(): string {
  if (process.env.KUBESECRET_CLUSTER_DIR) return path.resolve(process.env.KUBESECRET_CLUSTER_DIR);
  return path.join(process.env.XDG_RUNTIME_DIR || os.tmpdir(), "kubesecret-cluster");
}

/** The recorded state, or undefined when there is none (or it cannot be read). */
export function readState(dir: string): ClusterState | undefined {
  try {
    return JSON.parse(fs.readFileSync(clusterPaths(dir).state, "utf8")) as ClusterState;
  } catch {
    return undefined;
  }
}

/** Records `state` atomically (write, then rename). */
export function writeState(dir: string, state: ClusterState): void {
  const file = clusterPaths(dir).state;
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** The state of a started cluster in `dir`, or an error saying there is none. */
export function startedState(dir: string): ClusterState {
  const state = readState(dir);
  if (!state || state.phase !== "running") throw new Error(`no started cluster in ${dir}`);
  return state;
}

/** What callers learn about a cluster (no secrets: the admin token stays in its file). */
export interface ClusterInfo {
  dir: string;
  kubeconfigPath: string;
  server: string;
  caFile: string;
  ports: Ports;
  pids: Partial<Record<Component, number>>;
  logs: Partial<Record<Component, string>>;
  binDir: string;
  startedAt: string;
}

export function describeCluster(state: ClusterState): ClusterInfo {
  const { dir, kubeconfigPath, server, caFile, ports, pids, logs, binDir, startedAt } = state;
  return { dir, kubeconfigPath, server, caFile, ports, pids, logs, binDir, startedAt };
}
