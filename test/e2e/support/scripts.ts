/**
 * Typed access to the repo's plain-JavaScript scripts (scripts/cluster.mjs, scripts/pulumi-env.mjs).
 * They are imported through a computed file URL so the TypeScript project does not need
 * declarations for them; the interfaces below describe the parts the e2e tests use.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";

export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

type Log = false | ((message: string) => void);

export interface ClusterInfo {
  running: boolean;
  alreadyRunning?: boolean;
  dir: string;
  kubeconfigPath: string;
  server: string;
  startMs?: number;
}

export interface ClusterModule {
  startCluster(opts?: { dir?: string; binDir?: string; timeoutMs?: number; log?: Log }): Promise<ClusterInfo>;
  stopCluster(opts?: { dir?: string; log?: Log }): Promise<{ stopped: boolean; dir: string; stopMs?: number }>;
  clusterStatus(opts?: { dir?: string }): Promise<ClusterInfo>;
}

export interface Toolchain {
  binDir: string;
  source: "env" | "toolchain" | "path";
  ms: number;
}

export interface PulumiEnv {
  env: Record<string, string>;
  binDir: string;
  pulumi: string;
  pulumiRoot: string | undefined;
  home: string;
  backendDir: string;
  backendUrl: string;
  ms: number;
}

export interface PulumiEnvModule {
  REPO_ROOT: string;
  VERSIONS: { pulumi: string; kubernetesProvider: string };
  ensureToolchain(opts?: { log?: Log }): Promise<Toolchain>;
  preparePulumiEnv(opts: {
    binDir: string;
    home?: string;
    backendDir?: string;
    kubeconfig?: string;
    passphrase?: string;
    log?: Log;
  }): Promise<PulumiEnv>;
}

async function importScript<T>(name: string): Promise<T> {
  return (await import(pathToFileURL(path.join(REPO_ROOT, "scripts", name)).href)) as T;
}

export const clusterScript = () => importScript<ClusterModule>("cluster.mjs");
export const pulumiEnvScript = () => importScript<PulumiEnvModule>("pulumi-env.mjs");
