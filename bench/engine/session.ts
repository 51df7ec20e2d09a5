/**
 * Everything the real-engine part needs around it, set up and torn down in one place: the
 * toolchain, a control plane (private unless a kubeconfig is given), the isolated Pulumi
 * environment with a file backend in the scratch dir, and a namespace for the run.
 */
import os from "node:os";
import path from "node:path";
import { CoreV1Api, VersionApi } from "@kubernetes/client-node";
import {
  type PulumiEnv,
  ensureToolchain,
  loadKubeConfig,
  preparePulumiEnv,
  startCluster,
  stopCluster,
} from "../environment.ts";

export interface EngineSession {
  pulumiEnv: PulumiEnv;
  core: CoreV1Api;
  kubeconfig: string;
  namespace: string;
  /** The API server's version, as it reports it. */
  serverVersion: string;
}

export interface SessionOptions {
  /** An existing cluster's kubeconfig: nothing is started or stopped. */
  kubeconfig?: string;
  workDir: string;
  runId: string;
  log: (message: string) => void;
}

/** Runs `use` inside a session and tears the session down afterwards, also on failure. */
export async function withEngineSession<T>(opts: SessionOptions, use: (s: EngineSession) => Promise<T>): Promise<T> {
  const { log } = opts;
  const toolchain = await ensureToolchain(log);
  const clusterDir = path.join(os.tmpdir(), `kubesecret-bench-cluster-${opts.runId}`);
  let startedHere = false;
  let kubeconfig = opts.kubeconfig ? path.resolve(opts.kubeconfig) : undefined;
  if (!kubeconfig) {
    const cluster = await startCluster(clusterDir, toolchain, (m) => log(`cluster: ${m}`));
    startedHere = !cluster.alreadyRunning;
    kubeconfig = cluster.kubeconfigPath;
  }
  const namespace = `kubesecret-bench-${opts.runId}`;
  const config = loadKubeConfig(kubeconfig);
  const core = config.makeApiClient(CoreV1Api);
  let namespaceMade = false;
  try {
    const pulumiEnv = await preparePulumiEnv({
      binDir: toolchain.binDir,
      backendDir: path.join(opts.workDir, "backend"),
      kubeconfig,
      log,
    });
    const serverVersion = (await config.makeApiClient(VersionApi).getCode()).gitVersion;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    namespaceMade = true;
    return await use({ pulumiEnv, core, kubeconfig, namespace, serverVersion });
  } finally {
    if (startedHere) await stopCluster(clusterDir);
    else if (namespaceMade) await core.deleteNamespace({ name: namespace }).catch(() => {});
  }
}
