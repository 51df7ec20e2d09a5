/** Watching a Deployment's rollouts: its ReplicaSets, as the deployment controller makes them. */
import type { AppsV1Api } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { expect } from "vitest";
import { loadKubeConfig } from "../../../tools/kube.ts";
import { eventually } from "../../../tools/wait.ts";
import { e2eContext } from "./context";

let apps: AppsV1Api | undefined;
async function appsClient(): Promise<AppsV1Api> {
  const { AppsV1Api } = await import("@kubernetes/client-node");
  apps ??= loadKubeConfig(e2eContext().kubeconfigPath).makeApiClient(AppsV1Api);
  return apps;
}

/** The pod-template hashes of the ReplicaSets selected by `app=<app>`, once there are `expected`. */
export async function replicaSets(namespace: string, app: string, expected: number): Promise<string[]> {
  const client = await appsClient();
  return eventually(`${expected} ReplicaSet(s) of ${app}`, async () => {
    const list = await client.listNamespacedReplicaSet({ namespace, labelSelector: `app=${app}` });
    const hashes = list.items.map((rs) => rs.metadata?.labels?.["pod-template-hash"] ?? "").sort();
    return hashes.length === expected ? hashes : undefined;
  });
}

/** No ReplicaSet appears later: waits a while, then checks the count is unchanged. */
export async function stillReplicaSets(namespace: string, app: string, expected: number): Promise<void> {
  await new Promise((r) => setTimeout(r, 3000));
  expect(await replicaSets(namespace, app, expected)).toHaveLength(expected);
}
