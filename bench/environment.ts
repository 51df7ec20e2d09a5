/**
 * The bench's one way into the repo's dev tools (tools/): the toolchain, the isolated Pulumi
 * environment, the local control plane, Kubernetes clients and throwaway TLS material. The rest
 * of bench/ imports these from here, so a move of the tools changes only this file; the same for
 * packing and installing the library and writing formatted files. Two pure modules are imported
 * directly where this file's imports must not load: the shared formats (report/format.ts) and
 * the class table, which subjects.ts loads inside the measured processes.
 */
import { startCluster as start, stopCluster as stop } from "../tools/cluster/index.ts";
import type { Log } from "../tools/log.ts";
import { type PulumiEnv, preparePulumiEnv as prepare } from "../tools/pulumi-env.ts";
import { REPO_ROOT } from "../tools/repo.ts";
import { makeTlsPair as makePair } from "../tools/tls.ts";
import { type Toolchain, VERSIONS, ensureToolchain as ensure } from "../tools/toolchain/index.ts";

export { kubeClient, loadKubeConfig } from "../tools/kube.ts";
export type { PulumiEnv, Toolchain };
export { REPO_ROOT };
export { installLibrary, installedVersion, supportsWriteOnly } from "../tools/install.ts";
export { type LibraryInfo, type PackedLibrary, packLibrary } from "../tools/pack.ts";
export { writeFormatted } from "../tools/prettier.ts";

/** The pinned Pulumi CLI and Kubernetes provider versions (tools/toolchain/versions.env). */
export const pinnedToolVersions = (): { pulumi: string; kubernetesProvider: string } => VERSIONS;

/** Builds what is missing of the toolchain (tools/toolchain/build) and returns its bin dir. */
export function ensureToolchain(log: Log): Promise<Toolchain> {
  return ensure({ log });
}

/** An isolated PULUMI_HOME with the provider installed, and a file backend in `backendDir`. */
export function preparePulumiEnv(opts: {
  binDir: string;
  backendDir: string;
  kubeconfig: string;
  log: Log;
}): Promise<PulumiEnv> {
  return prepare(opts);
}

/** Starts a private control plane with its state in `dir` (tools found on PATH: let it look). */
export async function startCluster(
  dir: string,
  toolchain: Toolchain,
  log: Log,
): Promise<{ kubeconfigPath: string; alreadyRunning: boolean }> {
  const binDir = toolchain.source === "path" ? undefined : toolchain.binDir;
  return start({ dir, binDir, log });
}

export async function stopCluster(dir: string): Promise<void> {
  await stop({ dir, log: false });
}

/** A fresh self-signed certificate and its key (for TlsSecret). */
export function makeTlsPair(): { cert: string; key: string } {
  return makePair("bench.kubesecret.test");
}
