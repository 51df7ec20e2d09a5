/**
 * Once per e2e run: the toolchain (tools/toolchain/build builds what is missing), a control plane
 * (tools/cluster), and an isolated Pulumi environment (tools/pulumi-env.ts). Tests get them
 * through `inject("kubesecretE2E")` (see support/context.ts).
 *
 * Environment:
 *   KUBESECRET_E2E_KUBECONFIG   test against this existing cluster; start and stop nothing
 *   KUBESECRET_CLUSTER_DIR      use (or start) the cluster in this state dir instead of a private
 *                               one; a cluster that was already running there is left running
 *   KUBESECRET_E2E_KEEP=1       keep this run's scratch dir (backend, work dirs) and a cluster
 *                               this run started
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node" with { "resolution-mode": "import" };
import { startCluster, stopCluster } from "../../tools/cluster/index.ts";
import { secs } from "../../tools/log.ts";
import { preparePulumiEnv } from "../../tools/pulumi-env.ts";
import { SCRATCH_DIR } from "../../tools/repo.ts";
import { ensureToolchain } from "../../tools/toolchain/index.ts";
import type { E2EContext } from "./support/context";

const log = (message: string) => process.stderr.write(`[e2e] ${message}\n`);

export default async function setup(project: TestProject) {
  const t0 = Date.now();
  const keep = process.env.KUBESECRET_E2E_KEEP === "1";
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const runDir = path.join(SCRATCH_DIR, "e2e", runId); // made by preparePulumiEnv

  const toolchain = await ensureToolchain({ log });

  const external = process.env.KUBESECRET_E2E_KUBECONFIG;
  const clusterDir = process.env.KUBESECRET_CLUSTER_DIR
    ? path.resolve(process.env.KUBESECRET_CLUSTER_DIR)
    : path.join(os.tmpdir(), `kubesecret-e2e-${runId}`);
  const startClusterHere = async () => {
    const t = Date.now();
    const info = await startCluster({
      dir: clusterDir,
      // Tools found on PATH (source "path") do not include the control plane: let startCluster look.
      binDir: toolchain.source === "path" ? undefined : toolchain.binDir,
      log: (m) => log(`cluster: ${m}`),
    });
    log(`cluster ${info.alreadyRunning ? "reused" : "started"}: ${info.server} (${secs(Date.now() - t)})`);
    return info;
  };
  if (external && !fs.existsSync(external)) throw new Error(`KUBESECRET_E2E_KUBECONFIG: no file ${external}`);
  // The control plane and the Pulumi home are independent: prepare both at once.
  const [envResult, clusterResult] = await Promise.allSettled([
    preparePulumiEnv({ binDir: toolchain.binDir, backendDir: path.join(runDir, "backend"), log }),
    external ? Promise.resolve(undefined) : startClusterHere(),
  ]);
  const info = clusterResult.status === "fulfilled" ? clusterResult.value : undefined;
  const startedHere = info !== undefined && !info.alreadyRunning;
  const fail = async (err: unknown) => {
    // No teardown runs when setup throws: stop what this run started.
    if (startedHere) await stopCluster({ dir: clusterDir, log: false }).catch(() => {});
    fs.rmSync(runDir, { recursive: true, force: true });
    throw err;
  };
  if (clusterResult.status === "rejected") return fail(clusterResult.reason);
  if (envResult.status === "rejected") return fail(envResult.reason);
  const prepared = envResult.value;
  if (!prepared.pulumiRoot) return fail(new Error(`${prepared.pulumi} is not in a bin/ directory`));
  const kubeconfigPath = external ? path.resolve(external) : info!.kubeconfigPath;
  const server = info?.server ?? "";
  if (external) log(`using the existing cluster of ${kubeconfigPath}`);

  const context: E2EContext = {
    runId,
    runDir,
    kubeconfigPath,
    server,
    clusterStartedHere: startedHere,
    ...(external ? {} : { clusterDir }),
    env: { ...prepared.env, KUBECONFIG: kubeconfigPath },
    pulumiRoot: prepared.pulumiRoot,
    backendDir: prepared.backendDir,
  };
  project.provide("kubesecretE2E", context);
  log(`ready in ${secs(Date.now() - t0)}: run ${runId}, backend ${prepared.backendDir}`);

  // Teardown runs after vitest's closing summary: it stays silent unless something needs saying,
  // so the run's output still ends with the pass/fail line.
  return async () => {
    if (startedHere && !keep) {
      await stopCluster({ dir: clusterDir, log: false });
    } else if (startedHere) {
      log(`KUBESECRET_E2E_KEEP=1: cluster left running (KUBESECRET_CLUSTER_DIR=${clusterDir})`);
    }
    const leftover = listStacks(prepared.backendDir);
    if (keep || leftover.length) {
      if (leftover.length) log(`stacks left in the backend: ${leftover.join(", ")}`);
      log(`kept ${runDir}`);
    } else {
      fs.rmSync(runDir, { recursive: true, force: true });
    }
  };
}

function listStacks(backendDir: string): string[] {
  const root = path.join(backendDir, ".pulumi", "stacks");
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".json") || f.endsWith(".json.gz"));
}
