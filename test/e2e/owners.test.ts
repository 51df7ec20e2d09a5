/**
 * Owner references with the real garbage collector of kube-controller-manager:
 * a Secret owned, through `ownerReference()`, by a ConfigMap of the same program is deleted by
 * the garbage collector when the ConfigMap is; what Pulumi then sees on `up`, `refresh` and the
 * next `up`; which owners keep a Secret alive (same namespace, cluster-scoped) and which do not
 * (a namespaced owner in another namespace); and malformed references failing the preview with a
 * value-free error and nothing created. docs/owners.md describes what these tests show.
 */
import { describe, expect, it } from "vitest";
import { expectNoSecretInState, failure } from "./support/outcomes";
import { SECRET_TYPE, observe, recordSteps } from "./support/observe";
import {
  type TestStack,
  canary,
  createNamespace,
  deleteNamespace,
  eventually,
  findLeaks,
  kube,
  libraryStack,
  readSecret,
  useE2E,
} from "./harness";
import { sleep } from "../../tools/wait.ts";

const e2e = useE2E("owners");
const CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
/** How long the garbage collector may take to act (it usually needs a second or two). */
const GC_TIMEOUT_MS = 60_000;

interface StateResource {
  type: string;
  urn: string;
}
const stateTypes = (stack: TestStack) =>
  ((stack.state().checkpoint.latest?.resources ?? []) as StateResource[]).map((r) => r.type);

async function liveSecret(name: string, namespace = e2e.namespace) {
  return readSecret(e2e.core, namespace, name);
}

/** Waits until the Secret is gone, and returns how long that took. */
async function gone(name: string, namespace = e2e.namespace): Promise<number> {
  const t0 = Date.now();
  await eventually(
    `Secret ${namespace}/${name} deleted`,
    async () => (await liveSecret(name, namespace)) === undefined,
    {
      timeoutMs: GC_TIMEOUT_MS,
    },
  );
  return Date.now() - t0;
}

describe("a Secret owned by a ConfigMap of the same program", () => {
  it("is deleted by the garbage collector with its owner; refresh drops both from state, the next up recreates them", async () => {
    const namespace = e2e.namespace;
    const secretName = "owned-by-config";
    const stack = await libraryStack("owners-gc", async (lib) => {
      const k8s = await import("@pulumi/kubernetes");
      const config = new k8s.core.v1.ConfigMap("owner", {
        metadata: { namespace, name: "owner-config" },
        data: { mode: "demo" },
      });
      const secret = new lib.Secret("owned", {
        namespace,
        name: secretName,
        stringData: { password: "owned-by-a-config-map" },
        ownerReferences: [lib.ownerReference(config, { controller: true, blockOwnerDeletion: true })],
      });
      return { ownerUid: config.metadata.uid, secretUid: secret.uid };
    });

    const first = (await stack.up()).outputs;
    const ownerUid = String(first.ownerUid?.value);
    const live = await liveSecret(secretName);
    expect(live?.metadata?.uid).toBe(first.secretUid?.value);
    expect(live?.metadata?.ownerReferences).toEqual([
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        name: "owner-config",
        uid: ownerUid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);

    // The owner goes, as `kubectl delete configmap` would do it (background propagation).
    await e2e.core.deleteNamespacedConfigMap({ name: "owner-config", namespace, propagationPolicy: "Background" });
    const gcMs = await gone(secretName);

    // Without a refresh the engine trusts its state: `up` sees nothing to do, and recreates nothing.
    const blind = recordSteps();
    await stack.up({ onEvent: blind.onEvent });
    expect(blind.summary()).toEqual([]);
    expect(await liveSecret(secretName)).toBeUndefined();

    // A refresh finds both objects gone and drops them from the state (the component stays).
    const refreshed = recordSteps();
    await stack.refresh({ onEvent: refreshed.onEvent });
    expect(refreshed.ops(SECRET_TYPE)).toEqual(["refresh"]);
    expect(stateTypes(stack)).not.toContain(SECRET_TYPE);
    expect(stateTypes(stack)).not.toContain(CONFIG_MAP);
    expect(stateTypes(stack)).toContain("kubesecret:index:Secret");

    // The next up creates both again: a new owner, and a Secret that references its new uid.
    const again = recordSteps();
    const second = (await stack.up({ onEvent: again.onEvent })).outputs;
    expect(again.ops(SECRET_TYPE)).toEqual(["create"]);
    expect(again.ops(CONFIG_MAP)).toEqual(["create"]);
    const recreated = await liveSecret(secretName);
    expect(second.ownerUid?.value).not.toBe(ownerUid);
    expect(recreated?.metadata?.ownerReferences?.[0]?.uid).toBe(second.ownerUid?.value);
    expect(recreated?.metadata?.uid).toBe(second.secretUid?.value);
    // Once more, with `up --refresh`: one command drops the collected objects and recreates them.
    await e2e.core.deleteNamespacedConfigMap({ name: "owner-config", namespace, propagationPolicy: "Background" });
    await gone(secretName);
    const refreshUp = recordSteps();
    const third = (await stack.up({ refresh: true, onEvent: refreshUp.onEvent })).outputs;
    expect(refreshUp.ops(SECRET_TYPE)).toEqual(["refresh", "create"]);
    expect((await liveSecret(secretName))?.metadata?.ownerReferences?.[0]?.uid).toBe(third.ownerUid?.value);
    observe("owners: garbage collection", {
      gcMs,
      upWithoutRefresh: blind.summary().length,
      afterRefresh: again.summary(),
    });
  });
});

describe("which owners keep a Secret", () => {
  it("a cluster-scoped owner does; a namespaced owner in another namespace, or none, counts as absent and the Secret is deleted", async () => {
    const namespace = e2e.namespace;
    const elsewhere = await createNamespace(e2e.core, `owners-elsewhere-${e2e.context.runId}`);
    const clusterRoleName = `kubesecret-owner-${e2e.context.runId}`;
    try {
      const stack = await libraryStack("owners-scope", async (lib) => {
        const k8s = await import("@pulumi/kubernetes");
        const foreign = new k8s.core.v1.ConfigMap("foreign", { metadata: { namespace: elsewhere, name: "foreign" } });
        const role = new k8s.rbac.v1.ClusterRole("role", { metadata: { name: clusterRoleName }, rules: [] });
        new lib.Secret("by-foreign", {
          namespace,
          name: "owned-across-namespaces",
          // The garbage collector may delete it before the provider's read after the create.
          annotations: { "pulumi.com/skipAwait": "true" },
          stringData: { a: "x" },
          ownerReferences: [lib.ownerReference(foreign)],
        });
        new lib.Secret("by-nobody", {
          namespace,
          name: "owned-by-nothing",
          annotations: { "pulumi.com/skipAwait": "true" },
          stringData: { a: "x" },
          // Well-formed, but no such object: a uid no object has.
          ownerReferences: [
            { apiVersion: "v1", kind: "ConfigMap", name: "absent", uid: "00000000-0000-4000-8000-000000000000" },
          ],
        });
        new lib.Secret("by-role", {
          namespace,
          name: "owned-by-cluster-role",
          stringData: { a: "x" },
          ownerReferences: [lib.ownerReference(role)],
        });
        return {};
      });
      await stack.up();
      // The API server accepts both: it checks the references' form, not their owners.
      const gcMs = await gone("owned-across-namespaces");
      const absentMs = await gone("owned-by-nothing");
      // Kept: checked for a while after the garbage collector has acted on its neighbour.
      for (const until = Date.now() + 3000; Date.now() < until; await sleep(250)) {
        expect(await liveSecret("owned-by-cluster-role")).toBeDefined();
      }
      const events = await eventually("the garbage collector's warning", async () => {
        const list = await e2e.core.listNamespacedEvent({ namespace });
        return list.items.filter((e) => e.reason === "OwnerRefInvalidNamespace");
      });
      expect(events[0]?.involvedObject.name).toBe("owned-across-namespaces");

      const client = await kube();
      const rbac = (await import("../../tools/kube.ts"))
        .loadKubeConfig(e2e.context.kubeconfigPath)
        .makeApiClient(client.RbacAuthorizationV1Api);
      await rbac.deleteClusterRole({ name: clusterRoleName });
      const roleGcMs = await gone("owned-by-cluster-role");
      observe("owners: scope", {
        acrossNamespacesDeletedMs: gcMs,
        absentOwnerDeletedMs: absentMs,
        clusterScopedOwnerDeletedMs: roleGcMs,
      });
    } finally {
      await deleteNamespace(e2e.core, elsewhere);
    }
  });
});

describe("deletedWith on the component", () => {
  it("reaches the child: destroy leaves the Secret to the owner's deletion, which takes it along only with an owner reference", async () => {
    const namespace = e2e.namespace;
    const stack = await libraryStack("owners-deleted-with", async (lib) => {
      const k8s = await import("@pulumi/kubernetes");
      const config = new k8s.core.v1.ConfigMap("owner", { metadata: { namespace, name: "deleted-with-owner" } });
      new lib.Secret(
        "owned",
        {
          namespace,
          name: "deleted-with-owned",
          stringData: { a: "x" },
          ownerReferences: [lib.ownerReference(config)],
        },
        { deletedWith: config },
      );
      new lib.Secret(
        "unowned",
        { namespace, name: "deleted-with-unowned", stringData: { a: "x" } },
        { deletedWith: config },
      );
      return {};
    });
    await stack.up();
    const destroyed = recordSteps();
    await stack.destroy({ onEvent: destroyed.onEvent });
    expect(destroyed.ops(SECRET_TYPE).sort()).toEqual(["delete", "delete"]);
    // The engine skipped both Secrets' deletes: the owned one goes with its owner (garbage
    // collector), the other is left behind, unmanaged.
    const gcMs = await gone("deleted-with-owned");
    for (const until = Date.now() + 3000; Date.now() < until; await sleep(250)) {
      expect(await liveSecret("deleted-with-unowned")).toBeDefined();
    }
    expect(stateTypes(stack)).toEqual([]);
    await e2e.core.deleteNamespacedSecret({ name: "deleted-with-unowned", namespace });
    observe("owners: deletedWith", { ownedDeletedByGcMs: gcMs, unownedLeftBehind: true });
  });
});

describe("malformed owner references", () => {
  it("fail the preview and the up with a value-free error naming each field; nothing is created", async () => {
    const namespace = e2e.namespace;
    const secret = canary("owners");
    const marker = canary("owner-name");
    const stack = await libraryStack("owners-bad", (lib) => {
      new lib.Secret("bad-owners", {
        namespace,
        name: "never-created-owned",
        stringData: { password: secret },
        ownerReferences: [
          { apiVersion: "apps/", kind: "Deployment", name: marker, uid: "", controller: true },
          { apiVersion: "v1", kind: "ConfigMap", name: `${marker}/x`, uid: "1", controller: true },
        ],
      });
      return {};
    });
    for (const operation of [() => stack.preview(), () => stack.up()]) {
      const text = await failure(operation());
      expect(text).toMatch(/kubesecret:index:Secret "bad-owners" has invalid arguments; nothing was created/);
      for (const field of [
        /args\.ownerReferences\[0\]\.apiVersion: must be a version or group\/version/,
        /args\.ownerReferences\[0\]\.uid: must be set, not empty/,
        /args\.ownerReferences\[1\]\.name: must be a name an object can have/,
        /args\.ownerReferences\[1\]\.controller: only one reference may have controller: true/,
      ]) {
        expect(text).toMatch(field);
      }
      expect(findLeaks(text, [secret, marker])).toEqual([]);
    }
    expect(await liveSecret("never-created-owned")).toBeUndefined();
    expectNoSecretInState(stack);
    expect(findLeaks(stack.text(), [secret])).toEqual([]);
  });
});
