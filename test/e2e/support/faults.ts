/**
 * Fault injection for e2e tests: stop and restart the test cluster's kube-apiserver (only it:
 * etcd, the controller manager, the port and the certificates stay), a gate an inline program
 * can wait on, and the questions a fault test asks after the fact (which Secrets exist, which
 * the stack's state knows, what the state still marks as pending).
 */
import fs from "node:fs";
import path from "node:path";
import type { CoreV1Api, V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { startApiServer, stopApiServer } from "../../../tools/cluster/index.ts";
import type { LogOption } from "../../../tools/log.ts";
import type { TestStack } from "./stacks";

export interface ApiServerControl {
  /** Stops kube-apiserver (SIGTERM: a graceful shutdown; SIGKILL after `timeoutMs`). */
  stop(opts?: { signal?: "SIGTERM" | "SIGKILL"; timeoutMs?: number }): Promise<{ stopped: boolean; stopMs: number }>;
  /** Starts it again and waits until it is ready. */
  start(): Promise<{ restarted: string[]; startMs: number }>;
  /**
   * Starts it again if a test stopped it and did not get to restart it (a failed assertion), so
   * one failing fault test cannot take the API server away from every file after it.
   */
  ensureUp(): Promise<void>;
}

/**
 * Control over the API server of the cluster the tests run against, when tools/cluster runs it
 * (its state directory holds the kubeconfig); undefined for an external cluster.
 */
export async function apiServerControl(
  kubeconfigPath: string,
  log: LogOption = false,
): Promise<ApiServerControl | undefined> {
  const dir = path.dirname(kubeconfigPath);
  if (!fs.existsSync(path.join(dir, "cluster.json"))) return undefined;
  let down = false;
  const start = async () => {
    const started = await startApiServer({ dir, log });
    down = false;
    return started;
  };
  return {
    stop: (opts = {}) => {
      down = true;
      return stopApiServer({ dir, log, ...opts });
    },
    start,
    ensureUp: async () => {
      if (down) await start();
    },
  };
}

/** A promise the test opens when it chooses: `await gate.opened` in a program, `gate.open()` in the test. */
export class Gate {
  readonly opened: Promise<void>;
  open!: () => void;
  constructor() {
    this.opened = new Promise((resolve) => (this.open = resolve));
  }
}

/** The Secrets of a namespace with a label selector. */
export async function secretsWithLabel(core: CoreV1Api, namespace: string, selector: string): Promise<V1Secret[]> {
  return (await core.listNamespacedSecret({ namespace, labelSelector: selector })).items;
}

interface StateResource {
  type: string;
  id?: string;
  urn: string;
}

/** `namespace/name` of every Kubernetes Secret the stack's state holds. */
export function secretIdsInState(stack: TestStack): string[] {
  const resources = (stack.state().checkpoint.latest?.resources ?? []) as StateResource[];
  return resources
    .filter((r) => r.type === "kubernetes:core/v1:Secret")
    .map((r) => r.id!)
    .sort();
}

/** The operations the state still marks as in flight (`pending_operations`). */
export function pendingOperations(stack: TestStack): { type: string; resource: StateResource }[] {
  return stack.state().checkpoint.latest?.pending_operations ?? [];
}

/** `namespace/name` of a live object. */
export const idOf = (s: V1Secret) => `${s.metadata?.namespace}/${s.metadata?.name}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Live Secrets with the label, and the ids the stack's state holds: the two must be the same set. */
export async function liveAndState(core: CoreV1Api, namespace: string, stack: TestStack, selector: string) {
  const live = await secretsWithLabel(core, namespace, selector);
  return { live, liveIds: live.map(idOf).sort(), stateIds: secretIdsInState(stack) };
}
