/**
 * A service-account-token Secret whose token the controller writes only after the `up` that
 * created it (made certain here by pausing kube-controller-manager during that `up`): the outputs
 * then have no keys, a later `up` alone does not read them, and `pulumi refresh` does (the stack
 * outputs follow at the next `up`, since a refresh runs no program).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readState } from "../../tools/cluster/state.ts";
import { runs } from "../../tools/cluster/processes.ts";
import { decodeData, e2eContext, eventually, libraryStack, useE2E } from "./harness";
import { SERVICE_ACCOUNT_TOKEN_KEYS, classCases } from "./support/classes";
import { observe } from "./support/observe";

const e2e = useE2E("token-refresh");

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

type Outputs = { name: string; keys: string[]; data: Record<string, string> };

describe("a service-account-token Secret filled after the up that created it", () => {
  it.runIf(process.env.KUBESECRET_E2E_KUBECONFIG === undefined)(
    "gets its keys from pulumi refresh (and the next up), not from an up alone",
    async () => {
      const pid = controllerManagerPid();
      expect(pid, "the run's own cluster, whose controller manager can be paused").toBeDefined();
      const token = classCases().find((c) => c.className === "ServiceAccountTokenSecret")!;
      const namespace = e2e.namespace;
      const stack = await libraryStack("token-lag", (lib) => {
        const secret = token.create(lib, "token", { namespace });
        return { name: secret.name, keys: secret.keys, data: secret.data };
      });
      const outputsOf = async () =>
        Object.fromEntries(Object.entries(await stack.outputs()).map(([k, v]) => [k, v.value])) as Outputs;

      await withControllersPaused(pid!, () => stack.up());
      const created = await outputsOf();
      expect(created.keys, "nothing filled while the token controller was paused").toEqual([]);

      const live = await eventually("the token controller fills the Secret", async () => {
        const secret = await e2e.core.readNamespacedSecret({ name: created.name, namespace });
        return Object.keys(secret.data ?? {}).length === SERVICE_ACCOUNT_TOKEN_KEYS.length ? secret : undefined;
      });
      expect(Object.keys(live.data!).sort()).toEqual(SERVICE_ACCOUNT_TOKEN_KEYS);

      await stack.up();
      const afterUp = await outputsOf();
      expect(afterUp.keys, "an up alone does not read the live object").toEqual([]);

      await stack.refresh();
      expect((await outputsOf()).keys, "a refresh runs no program: outputs unchanged").toEqual([]);
      await stack.up();
      const refreshed = await outputsOf();
      expect(refreshed.keys).toEqual(SERVICE_ACCOUNT_TOKEN_KEYS);
      expect(refreshed.data).toEqual(live.data);
      expect(decodeData(refreshed.data)["namespace"]?.toString("utf8")).toBe(namespace);
      observe("token lag", { created: created.keys, afterUp: afterUp.keys, afterRefreshAndUp: refreshed.keys });
    },
  );
});
