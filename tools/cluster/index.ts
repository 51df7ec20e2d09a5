/**
 * The local Kubernetes control plane for the demo, the e2e tests and `npm run cluster`:
 * start/stop/status, users with chosen groups, and API-server faults.
 *
 * Environment:
 *   KUBESECRET_TOOLCHAIN_BIN   directory holding etcd, kube-apiserver, kube-controller-manager
 *                              (default: `tools/toolchain/build --print`)
 *   KUBESECRET_CLUSTER_DIR     state directory (default ${XDG_RUNTIME_DIR:-tmpdir}/kubesecret-cluster)
 *
 * Only 127.0.0.1 is ever listened on or talked to. The admin bearer token lives in the state
 * directory and is never printed.
 */
export { clusterStatus, startCluster, stopCluster } from "./lifecycle.ts";
export type { ClusterOptions, ClusterStatus, StartOptions, StartedCluster } from "./lifecycle.ts";
export { startApiServer, stopApiServer } from "./apiserver.ts";
export type { ApiServerOptions } from "./apiserver.ts";
export { addUser } from "./users.ts";
export type { AddedUser, UserSpec } from "./users.ts";
export { DEFAULT_CONTROLLERS } from "./flags.ts";
export { BINARIES, defaultClusterDir } from "./state.ts";
export type { ClusterInfo, Component, Ports } from "./state.ts";
