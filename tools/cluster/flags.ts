/**
 * Command lines of the cluster's processes. Each is a pure function of the state directory's
 * paths and the ports, so a restarted process gets exactly the flags it had.
 */
import type { ClusterPaths, Ports } from "./state.ts";
import { HOST } from "./state.ts";

const SERVICE_CIDR = "10.0.0.0/24";
const SA_ISSUER = "https://kubernetes.default.svc.cluster.local";

/**
 * The controllers kube-controller-manager runs by default. Enough for what a Pulumi program does
 * with Secrets (token Secrets get their token, owner references are honoured, namespaces really
 * go away, kube-root-ca.crt and the aggregated admin/edit/view roles exist) and for real rollouts
 * (a pod-template change makes a new ReplicaSet). No scheduler or kubelet runs: Pods stay Pending.
 */
export const DEFAULT_CONTROLLERS: readonly string[] = [
  "serviceaccount-token-controller",
  "serviceaccount-controller",
  "namespace-controller",
  "garbage-collector-controller",
  "root-ca-certificate-publisher-controller",
  "clusterrole-aggregation-controller",
  "deployment-controller",
  "replicaset-controller",
];

/** etcd: one member, data in the state directory, client and peer URLs on 127.0.0.1. */
export function etcdArgs(paths: ClusterPaths, ports: Ports): string[] {
  const client = `http://${HOST}:${ports.etcd}`;
  const peer = `http://${HOST}:${ports.etcdPeer}`;
  return [
    "--name=kubesecret",
    `--data-dir=${paths.etcdData}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=kubesecret=${peer}`,
    "--initial-cluster-state=new",
    // A throwaway cluster: speed over durability.
    "--unsafe-no-fsync",
    `--quota-backend-bytes=${1024 ** 3}`,
    "--log-level=warn",
  ];
}

/** kube-apiserver: RBAC; the admin by bearer token, users by client certificate; its own serving certificate. */
export function apiserverArgs(paths: ClusterPaths, ports: Ports): string[] {
  return [
    `--etcd-servers=http://${HOST}:${ports.etcd}`,
    `--cert-dir=${paths.pki}`,
    `--bind-address=${HOST}`,
    `--advertise-address=${HOST}`,
    `--secure-port=${ports.apiserver}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    "--authorization-mode=RBAC",
    `--token-auth-file=${paths.tokens}`,
    `--client-ca-file=${paths.clientCaCert}`,
    `--service-account-issuer=${SA_ISSUER}`,
    `--service-account-key-file=${paths.serviceAccountPub}`,
    `--service-account-signing-key-file=${paths.serviceAccountKey}`,
    // Endpoints may not hold loopback addresses: don't publish the apiserver in the
    // `kubernetes` Service's endpoints (nothing in the cluster needs to dial it).
    "--endpoint-reconciler-type=none",
    "--profiling=false",
  ];
}

/** kube-controller-manager: the admin's kubeconfig, the service-account signing key, `controllers`. */
export function controllerManagerArgs(paths: ClusterPaths, ports: Ports, controllers: readonly string[]): string[] {
  if (ports.controllerManager === undefined) throw new Error("no port for kube-controller-manager");
  if (!controllers.length) throw new Error("kube-controller-manager needs at least one controller");
  return [
    `--kubeconfig=${paths.kubeconfig}`,
    `--bind-address=${HOST}`,
    `--secure-port=${ports.controllerManager}`,
    `--cert-dir=${paths.controllerManagerCerts}`,
    `--service-account-private-key-file=${paths.serviceAccountKey}`,
    `--root-ca-file=${paths.servingCert}`,
    `--controllers=${controllers.join(",")}`,
    "--use-service-account-credentials=false",
    "--leader-elect=false",
    "--profiling=false",
  ];
}
