/**
 * Faults: nothing is lost and everything converges.
 *
 * (a) kube-apiserver stops in the middle of an `up` of 50 Secrets: the up fails cleanly, and once
 *     the API server is back the next `up` converges to exactly 50 Secrets in the state with the
 *     right data, no duplicates among them, no pending operations. A crash can leave orphans
 *     (live Secrets without a state entry): a create the API server stored but whose response
 *     was lost. With generated names the retry picks a new name, so the orphan stays; the test
 *     bounds them, checks they are labelled (findable) and never multiply, and removes them.
 * (b) A Secret deleted out of band: `up --refresh` recreates it.
 * (c) A Secret edited out of band: `refresh` shows the drift, `up` restores the declared data.
 * (d) `destroy` removes what the stack created and only that.
 * (An up interrupted like Ctrl-C: interrupt.test.ts.)
 *
 * The API server is stopped once with SIGTERM (a graceful shutdown: it stops listening at once
 * and finishes the requests in flight; SIGKILL if it takes longer than 5 s) and once with SIGKILL
 * (a crash), through tools/cluster (stopApiServer/startApiServer: same port, certificates
 * and etcd).
 */
import * as pulumi from "@pulumi/pulumi";
import type { V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type TestStack, createStack, decodeData, e2eContext, importLibrary, readSecret, useE2E } from "./harness";
import {
  type ApiServerControl,
  Gate,
  apiServerControl,
  idOf,
  liveAndState as liveAndStateOf,
  pendingOperations,
  secretIdsInState,
  secretsWithLabel,
  sleep,
} from "./support/faults";

const e2e = useE2E("faults");
const log = (message: string) => console.log(`[faults] ${message}`);
let apiServer: ApiServerControl | undefined;

beforeAll(async () => {
  apiServer = await apiServerControl(e2eContext().kubeconfigPath, log);
});
afterEach(async () => {
  await apiServer?.ensureUp();
});

/** The value key `value` of a Secret, decoded. */
const valueOf = (s: V1Secret | undefined) => decodeData(s?.data).value?.toString("utf8");

/** Live Secrets with the label, and the ids the stack's state holds. */
const liveAndState = (stack: TestStack, selector: string) => liveAndStateOf(e2e.core, e2e.namespace, stack, selector);

describe.each([
  { how: "is stopped (SIGTERM)", signal: "SIGTERM" as const },
  { how: "crashes (SIGKILL)", signal: "SIGKILL" as const },
])("kube-apiserver $how in the middle of an up of 50 Secrets", ({ signal }) => {
  const BATCH = 50;
  const FIRST_WAVE = 25;
  const LABEL = "kubesecret.test/fault-batch";
  const INDEX = "kubesecret.test/index";
  const batch = `${signal.toLowerCase()}-${e2eContext().runId}`;
  const selector = `${LABEL}=${batch}`;
  const expected = (i: number) => `value-${i}-${batch}`;
  /** Opens when the API server is down: the second wave of Secrets waits for it. */
  let secondWave: Promise<void> = Promise.resolve();
  let stack: TestStack;
  /** Secrets the fault left live but unknown to the state (see step 3). */
  let orphans: string[] = [];
  /** The most creates the engine runs at once (the CLI's default parallelism on 2 cores is 8). */
  const IN_FLIGHT = 16;

  it.runIf(process.env.KUBESECRET_E2E_KUBECONFIG === undefined)(
    "the up fails cleanly, and the next up converges after the API server returns",
    async () => {
      expect(apiServer, "the cluster is run by tools/cluster").toBeDefined();
      const namespace = e2e.namespace;
      stack = await createStack({
        name: `fault-${signal.toLowerCase()}`,
        program: async () => {
          const lib = await importLibrary();
          for (let i = 0; i < BATCH; i++) {
            const value = i < FIRST_WAVE ? expected(i) : pulumi.output(secondWave.then(() => expected(i)));
            new lib.Secret(`batch-${i}`, {
              namespace,
              labels: { [LABEL]: batch, [INDEX]: String(i) },
              stringData: { value },
            });
          }
        },
      });

      // 1. The first wave starts; once some of it exists, the API server stops and the second
      //    wave is released against it.
      const gate = new Gate();
      secondWave = gate.opened;
      const started = Date.now();
      const up = stack.up().then(
        () => undefined,
        (err: unknown) => err,
      );
      const existing = () => secretsWithLabel(e2e.core, namespace, selector).then((list) => list.length);
      let before: number;
      while ((before = await existing()) < 10) await sleep(50);
      const stopped = await apiServer!.stop({ signal, timeoutMs: 5000 });
      gate.open();
      const error = await up;
      log(`${before} Secrets existed when the API server was stopped (in ${stopped.stopMs} ms)`);
      log(`the up failed after ${((Date.now() - started) / 1000).toFixed(1)}s`);

      // 2. It fails cleanly: an error per Secret it could not create, saying why; nothing pending.
      expect(error, "the up fails").toBeInstanceOf(Error);
      expect(String(error)).toMatch(/was not successfully created by the Kubernetes API server/);
      // How the client sees the server go depends on timing: refused, reset mid-request, or EOF.
      expect(String(error)).toMatch(/connection refused|connection reset by peer|EOF|broken pipe/);
      expect(pendingOperations(stack), "pending operations in the state").toEqual([]);
      const createdBeforeFault = secretIdsInState(stack);

      // 3. The API server returns. Every Secret the state holds exists. A crash can also leave
      //    orphans: a create that reached etcd whose response was lost, so the engine never
      //    recorded it (seen with SIGKILL). They carry the component's labels, so they can be found.
      const restarted = await apiServer!.start();
      log(`the API server is back after ${restarted.startMs} ms (${restarted.restarted.join(", ")})`);
      const afterFault = await liveAndState(stack, selector);
      log(`after the failed up: ${afterFault.liveIds.length} Secrets live, ${afterFault.stateIds.length} in the state`);
      expect(afterFault.stateIds).toEqual(createdBeforeFault);
      expect(afterFault.liveIds).toEqual(expect.arrayContaining(afterFault.stateIds));
      orphans = afterFault.liveIds.filter((id) => !afterFault.stateIds.includes(id));
      if (orphans.length > 0) log(`ORPHANS after the ${signal}: ${orphans.join(", ")} (live, not in the state)`);
      expect(orphans.length, "orphans: at most the creates in flight at the fault").toBeLessThanOrEqual(IN_FLIGHT);
      expect(afterFault.stateIds.length).toBeGreaterThanOrEqual(before - orphans.length);
      expect(afterFault.liveIds.length).toBeLessThan(BATCH + orphans.length);

      // 4. The next up (no refresh, no pending-operation handling needed) creates the rest.
      const converged = await stack.up();
      expect(converged.summary.result).toBe("succeeded");
      log(`the next up: ${JSON.stringify(converged.summary.resourceChanges)}`);
      // Only creates (the missing Secrets and the components the failed up had not reached): the
      // Secrets made before the fault are neither replaced nor deleted.
      expect(Object.keys(converged.summary.resourceChanges ?? {}).sort()).toEqual(["create", "same"]);
      expect(converged.summary.resourceChanges?.create).toBeGreaterThanOrEqual(BATCH - afterFault.liveIds.length);
      const final = await liveAndState(stack, selector);
      const managed = final.live.filter((secret) => final.stateIds.includes(idOf(secret)));
      expect(managed).toHaveLength(BATCH);
      expect(
        final.liveIds.filter((id) => !final.stateIds.includes(id)),
        "no new orphans",
      ).toEqual(orphans);
      const indexes = managed.map((s) => Number(s.metadata?.labels?.[INDEX])).sort((a, b) => a - b);
      expect(indexes, "each of the 50 exactly once in the state").toEqual([...Array(BATCH).keys()]);
      for (const secret of managed) {
        expect(valueOf(secret), idOf(secret)).toBe(expected(Number(secret.metadata?.labels?.[INDEX])));
      }
      // The ones made before the fault were kept, not replaced.
      expect(final.liveIds).toEqual(expect.arrayContaining(createdBeforeFault));
      await stack.up({ expectNoChanges: true });
    },
  );

  it.runIf(process.env.KUBESECRET_E2E_KUBECONFIG === undefined)("destroy then removes all 50", async () => {
    const destroyed = await stack.destroy();
    expect(destroyed.summary.result).toBe("succeeded");
    // Only orphans of the fault are left: the stack never knew them, so destroy cannot see them.
    expect((await secretsWithLabel(e2e.core, e2e.namespace, selector)).map(idOf).sort()).toEqual(orphans);
    for (const id of orphans)
      await e2e.core.deleteNamespacedSecret({ namespace: e2e.namespace, name: id.split("/")[1]! });
  });
});

describe("drift made out of band", () => {
  const LABEL = "kubesecret.test/drift";
  const run = `drift-${e2eContext().runId}`;
  const selector = `${LABEL}=${run}`;
  const declared = {
    deleted: `declared-deleted-${run}`,
    edited: `declared-edited-${run}`,
    kept: `declared-kept-${run}`,
  };
  let stack: TestStack;
  let unrelated: V1Secret;

  const nameOf = async (key: keyof typeof declared) => (await stack.outputs())[key]?.value as string;
  const live = async (key: keyof typeof declared) => readSecret(e2e.core, e2e.namespace, await nameOf(key));

  beforeAll(async () => {
    // A Secret in the same namespace that the stack has nothing to do with.
    unrelated = await e2e.core.createNamespacedSecret({
      namespace: e2e.namespace,
      body: {
        metadata: { name: "unrelated", labels: { [LABEL]: "not-the-stack" } },
        stringData: { value: "unrelated" },
      },
    });
    const namespace = e2e.namespace;
    stack = await createStack({
      name: "drift",
      program: async () => {
        const lib = await importLibrary();
        const outputs: Record<string, pulumi.Output<string>> = {};
        for (const [key, value] of Object.entries(declared)) {
          outputs[key] = new lib.Secret(key, { namespace, labels: { [LABEL]: run }, stringData: { value } }).name;
        }
        return outputs;
      },
    });
    await stack.up();
  });

  it("recreates a Secret deleted out of band on up --refresh", async () => {
    const name = await nameOf("deleted");
    await e2e.core.deleteNamespacedSecret({ name, namespace: e2e.namespace });

    const result = await stack.up({ refresh: true });
    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges?.create, "the Secret is created again").toBeGreaterThanOrEqual(1);
    const recreated = await live("deleted");
    expect(valueOf(recreated)).toBe(declared.deleted);
    log(`deleted ${name}; up --refresh recreated it as ${recreated?.metadata?.name}`);
    const { liveIds, stateIds } = await liveAndState(stack, selector);
    expect(liveIds).toEqual(stateIds);
    expect(liveIds).toHaveLength(3);
  });

  it("shows an out-of-band edit on refresh, and up restores the declared data", async () => {
    const name = await nameOf("edited");
    const secret = (await live("edited"))!;
    await e2e.core.replaceNamespacedSecret({
      name,
      namespace: e2e.namespace,
      body: { ...secret, data: { value: Buffer.from("edited out of band").toString("base64") } },
    });

    // The refresh preview and the refresh report the drift as an update of that Secret.
    const drift = await stack.stack.previewRefresh();
    expect(drift.changeSummary.update, `refresh preview: ${JSON.stringify(drift.changeSummary)}`).toBe(1);
    const refreshed = await stack.refresh();
    expect(refreshed.summary.resourceChanges?.update).toBe(1);
    expect(valueOf(await live("edited")), "refresh only reads").toBe("edited out of band");

    const restored = await stack.up();
    expect(restored.summary.result).toBe("succeeded");
    expect(valueOf(await live("edited"))).toBe(declared.edited);
    log(
      `edited ${name}; up restored it as ${await nameOf("edited")} (${JSON.stringify(restored.summary.resourceChanges)})`,
    );
    expect(valueOf(await live("kept"))).toBe(declared.kept);
    await stack.up({ expectNoChanges: true });
  });

  it("destroy removes every Secret the stack created, and only those", async () => {
    const owned = await secretsWithLabel(e2e.core, e2e.namespace, selector);
    expect(owned).toHaveLength(3);
    const destroyed = await stack.destroy();
    expect(destroyed.summary.result).toBe("succeeded");
    expect(await secretsWithLabel(e2e.core, e2e.namespace, selector)).toEqual([]);
    const survivor = await readSecret(e2e.core, e2e.namespace, "unrelated");
    expect(survivor?.metadata?.uid).toBe(unrelated.metadata?.uid);
    expect(valueOf(survivor)).toBe("unrelated");
  });
});
