/**
 * A service-account-token Secret whose token the controller has not written when pulumi-kubernetes
 * checks (made certain here by pausing kube-controller-manager during the `up` that creates it).
 * Observed with pulumi-kubernetes v4.25: the provider waits for the token, so outputs without keys
 * never reach the stack; the `up` fails ("failed to fully initialize or become live: Timeout
 * occurred polling"), and the next `up` replaces the Secret with one that gets its keys.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readState } from "../../tools/cluster/state.ts";
import { runs } from "../../tools/cluster/processes.ts";
import { e2eContext, libraryStack, useE2E } from "./harness";
import { SECRET_TYPE, observe, recordSteps } from "./support/observe";
import { SERVICE_ACCOUNT_TOKEN_KEYS, classCases } from "./support/classes";

const e2e = useE2E("token-lag");

/** The local cluster's kube-controller-manager, which runs the token controller; undefined for an external cluster. */
function controllerManagerPid(): number | undefined {
  const pid = readState(path.dirname(e2eContext().kubeconfigPath))?.pids.controllerManager;
  return pid !== undefined && runs("controllerManager", pid) ? pid : undefined;
}

/** Runs `operation` with kube-controller-manager stopped (SIGSTOP), and continues it after. */
async function withControllersPaused<T>(pid: number, operation: () => Promise<T>): Promise<T> {
  process.kill(pid, "SIGSTOP");
  try {
    return await operation();
  } finally {
    process.kill(pid, "SIGCONT");
  }
}

describe("a service-account-token Secret the token controller fills late", () => {
  it.runIf(process.env.KUBESECRET_E2E_KUBECONFIG === undefined)(
    "fails the up that creates it; the next up replaces it with one that has its keys",
    async () => {
      const pid = controllerManagerPid();
      expect(pid, "the run's own cluster, whose controller manager can be paused").toBeDefined();
      const token = classCases().find((c) => c.className === "ServiceAccountTokenSecret")!;
      const namespace = e2e.namespace;
      const stack = await libraryStack("token-lag", (lib) => {
        const secret = token.create(lib, "token", { namespace });
        return { name: secret.name, keys: secret.keys, uid: secret.uid };
      });

      const first = await withControllersPaused(pid!, () =>
        stack.up().then(
          () => "succeeded",
          (err: Error) => err.message,
        ),
      );
      expect(first).toContain("failed to fully initialize or become live");
      expect(first).toContain("Timeout occurred polling");
      expect(Object.keys(await stack.outputs()), "no outputs without keys reach the stack").toEqual([]);
      const [stale] = (
        await e2e.core.listNamespacedSecret({ namespace, labelSelector: "kubesecret.test/class=service-account-token" })
      ).items;

      const steps = recordSteps();
      const next = await stack.up({ onEvent: steps.onEvent });
      expect(steps.ops(SECRET_TYPE)).toEqual(["create-replacement", "replace", "delete-replaced"]);
      expect(next.outputs.keys?.value).toEqual(SERVICE_ACCOUNT_TOKEN_KEYS);
      expect(next.outputs.uid?.value).not.toBe(stale?.metadata?.uid);
      const live = await e2e.core.readNamespacedSecret({ name: next.outputs.name?.value as string, namespace });
      expect(Object.keys(live.data ?? {}).sort()).toEqual(SERVICE_ACCOUNT_TOKEN_KEYS);
      observe("token lag", { first: "failed", next: steps.summary() });
    },
  );
});
