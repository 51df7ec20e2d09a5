/**
 * The API floor: the same N Secrets (two values and a label each) created and then deleted by
 * plain API calls with @kubernetes/client-node, at most `parallelism` in flight like the engine.
 * No engine, no provider, no state: what any tool must pay the API server.
 */
import type { CoreV1Api } from "@kubernetes/client-node";
import { RUN_LABEL } from "../subjects.ts";

/** Runs `task` for every index below `count`, at most `parallelism` at a time. */
export async function inPool(count: number, parallelism: number, task: (index: number) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, count) }, worker));
}

/** How many Secrets carry `kubesecret.bench/run=<runLabel>` in `namespace`. */
export async function countLabelled(core: CoreV1Api, namespace: string, runLabel: string): Promise<number> {
  const list = await core.listNamespacedSecret({ namespace, labelSelector: `${RUN_LABEL}=${runLabel}` });
  return list.items.length;
}

/** Creates and deletes N Secrets; returns both durations. Checks the count after each step. */
export async function measureApiFloor(opts: {
  core: CoreV1Api;
  namespace: string;
  runLabel: string;
  n: number;
  parallelism: number;
}): Promise<{ createMs: number; deleteMs: number }> {
  const { core, namespace, runLabel, n, parallelism } = opts;
  const name = (i: number) => `floor-${i}`;
  let started = performance.now();
  await inPool(n, parallelism, (i) =>
    core.createNamespacedSecret({
      namespace,
      body: {
        metadata: { name: name(i), labels: { [RUN_LABEL]: runLabel } },
        stringData: { username: `user-${i}`, password: `value-${i}` },
      },
    }),
  );
  const createMs = performance.now() - started;
  const created = await countLabelled(core, namespace, runLabel);
  if (created !== n) throw new Error(`API floor: ${created} Secrets after creating ${n}`);
  started = performance.now();
  await inPool(n, parallelism, (i) => core.deleteNamespacedSecret({ namespace, name: name(i) }));
  const deleteMs = performance.now() - started;
  const left = await countLabelled(core, namespace, runLabel);
  if (left !== 0) throw new Error(`API floor: ${left} Secrets left after deleting`);
  return { createMs, deleteMs };
}
