/**
 * Destroy of a write-only Secret (the dynamic provider's delete): deletes the object the resource
 * wrote, and no other that took its name since. An object that pulumi-kubernetes applies now was
 * taken over by a `kubernetes:core/v1:Secret` (`writeOnly` turned off; the engine deletes this
 * resource after creating that one): it is handed over instead, only the owner label removed.
 */
import type { V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import type { Cluster } from "./cluster";
import {
  OWNER_LABEL,
  type ObjectRef,
  appliedByKubernetesProvider,
  describeFailure,
  readObject,
  statusOf,
  valueForms,
} from "./kube";

/** Deletes (or hands over) the object at `ref` if it is still the one with `uid`; value-free errors. */
export async function destroyObject(cluster: Cluster, ref: ObjectRef, uid: string | undefined): Promise<void> {
  // The hand-over sends the live values back: a webhook rejecting it may quote them.
  let liveValues: string[] = [];
  try {
    const live = await readObject(cluster, ref);
    if (live === undefined || (uid && live.metadata?.uid !== uid)) return;
    liveValues = valueForms(live.data);
    if (appliedByKubernetesProvider(live)) return await relinquish(cluster, live);
    const preconditions = uid ? { uid } : undefined;
    await cluster.core.deleteNamespacedSecret({ ...ref, body: { preconditions } });
  } catch (err) {
    // Gone already, or the name now belongs to another object: nothing of ours is left.
    if (statusOf(err) === 404 || statusOf(err) === 409) return;
    const failure = describeFailure(err, liveValues);
    throw new Error(
      `kubesecret write-only Secret ${ref.namespace}/${ref.name}: deleting the Secret failed: ${failure}`,
    );
  }
}

/** Leaves the object to its new manager: only the owner label goes (the resourceVersion guards the write). */
async function relinquish(cluster: Cluster, live: V1Secret): Promise<void> {
  const labels = Object.fromEntries(Object.entries(live.metadata?.labels ?? {}).filter(([k]) => k !== OWNER_LABEL));
  const ref = { namespace: live.metadata!.namespace!, name: live.metadata!.name! };
  await cluster.core.replaceNamespacedSecret({
    ...ref,
    body: { ...live, metadata: { ...live.metadata, labels } },
    fieldManager: "kubesecret",
  });
}
