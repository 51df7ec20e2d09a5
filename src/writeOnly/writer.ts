/**
 * What the program writes, from its resource hooks, with its own client: the values stay in the
 * program's memory and reach only the API server. Creates never take over an object they did
 * not write (POST fails when the name is taken); an object this resource wrote in an earlier,
 * interrupted `up` is recognised by its owner label and written again.
 */
import type { V1OwnerReference, V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import type { Cluster } from "./cluster";
import {
  OWNER_LABEL,
  type ObjectRef,
  clusterFilledKeys,
  describeFailure,
  readObject,
  statusOf,
  valueForms,
  withoutKubernetesProvider,
} from "./kube";

/** The name kubesecret's own writes are recorded under in `managedFields`. */
export const FIELD_MANAGER = "kubesecret";

/** The object as the program declares it. */
export interface Desired {
  readonly subject: string;
  readonly owner: string;
  readonly namespace: string;
  /** Fixed, or derived from the owner (fingerprints.ts generatedName). */
  readonly name: string;
  readonly type: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly immutable?: boolean;
  readonly data: Record<string, string>;
  readonly ownerReferences?: Record<string, unknown>[];
  /** Take over an existing Secret of that name (`adopt`). */
  readonly adopt?: boolean;
}

function failure(desired: Desired, action: string, where: string, err: unknown): Error {
  return new Error(`${desired.subject}: ${action} ${where} failed: ${describeFailure(err, valueForms(desired.data))}`);
}

function bodyOf(
  desired: Desired,
  metadata: V1Secret["metadata"],
  labels: Record<string, string>,
  filled: Record<string, string> = {},
): V1Secret {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      ...metadata,
      labels: { ...labels, [OWNER_LABEL]: desired.owner },
      ...(desired.ownerReferences ? { ownerReferences: desired.ownerReferences as unknown as V1OwnerReference[] } : {}),
    },
    type: desired.type,
    data: { ...filled, ...desired.data },
    ...(desired.immutable === undefined ? {} : { immutable: desired.immutable }),
  };
}

/**
 * Before create: a new object under the declared name (fixed, or derived from the owner: see
 * fingerprints.ts generatedName). A taken name is this resource's own object when its owner label
 * says so (an earlier, interrupted `up` wrote it and recorded nothing): it is written again.
 */
export async function createObject(cluster: Cluster, desired: Desired): Promise<void> {
  const where = `the Secret "${desired.name}" in namespace "${desired.namespace}"`;
  try {
    const metadata = { namespace: desired.namespace, name: desired.name, annotations: desired.annotations };
    await cluster.core.createNamespacedSecret({
      namespace: desired.namespace,
      body: bodyOf(desired, metadata, desired.labels),
      fieldManager: FIELD_MANAGER,
    });
  } catch (err) {
    if (statusOf(err) !== 409) throw failure(desired, "creating", where, err);
    const live = await readObject(cluster, { namespace: desired.namespace, name: desired.name }).catch((e: unknown) => {
      throw failure(desired, "reading", where, e);
    });
    if (live?.metadata?.labels?.[OWNER_LABEL] === desired.owner) {
      return replaceObject(cluster, desired, live, {}).catch((e: unknown) => {
        throw failure(desired, "writing", where, e);
      });
    }
    if (desired.adopt) return adopt(cluster, desired, where);
    throw new Error(
      `${desired.subject}: a Secret named "${desired.name}" already exists in namespace "${desired.namespace}" ` +
        "and was not created by this component; it was left untouched. Choose another name, or delete or rename the existing Secret.",
    );
  }
}

/** `adopt`: the existing object becomes exactly the declared one, in place; what others added goes. */
async function adopt(cluster: Cluster, desired: Desired, where: string): Promise<void> {
  const live = await readObject(cluster, { namespace: desired.namespace, name: desired.name });
  if (live === undefined) return createObject(cluster, { ...desired, adopt: false });
  if ((live.type ?? "Opaque") !== desired.type) {
    throw new Error(
      `${desired.subject}: cannot adopt ${where}: its type is "${live.type}", not "${desired.type}", and a Secret's type cannot change in place. It was left untouched.`,
    );
  }
  try {
    const before = { labels: live.metadata?.labels, annotations: live.metadata?.annotations };
    await replaceObject(cluster, desired, live, before, true);
  } catch (err) {
    throw failure(desired, "adopting", where, err);
  }
}

/**
 * Before update: the declared data, type and metadata written over the object, which must still
 * be the one this resource knows (same uid). Labels and annotations that others added are kept;
 * those the program declared before and no longer does are removed.
 */
export async function updateObject(
  cluster: Cluster,
  desired: Desired,
  target: ObjectRef & { uid?: string },
  before: { labels?: Record<string, string>; annotations?: Record<string, string> },
): Promise<void> {
  const where = `the Secret "${target.name}" in namespace "${target.namespace}"`;
  let live: V1Secret | undefined;
  try {
    live = await readObject(cluster, target);
  } catch (err) {
    throw failure(desired, "reading", where, err);
  }
  if (live === undefined || (target.uid && live.metadata?.uid !== target.uid)) {
    throw new Error(
      `${desired.subject}: ${where} is gone or was replaced by another object. Run \`pulumi refresh\`, then \`pulumi up\` creates it again.`,
    );
  }
  try {
    await replaceObject(cluster, desired, live, before);
  } catch (err) {
    throw failure(desired, "writing", where, err);
  }
}

async function replaceObject(
  cluster: Cluster,
  desired: Desired,
  live: V1Secret,
  before: { labels?: Record<string, string>; annotations?: Record<string, string> },
  clearManagers = false,
): Promise<void> {
  const keep = (liveMap: Record<string, string> | undefined, declaredBefore: Record<string, string> | undefined) =>
    Object.fromEntries(
      Object.entries(liveMap ?? {}).filter(([k]) => !(k in (declaredBefore ?? {})) && k !== OWNER_LABEL),
    );
  const metadata = {
    ...live.metadata,
    // Adopting: an empty entry clears every claim of the tool that made the object.
    managedFields: clearManagers ? [{}] : withoutKubernetesProvider(live),
    ownerReferences: undefined,
    annotations: { ...keep(live.metadata?.annotations, before.annotations), ...desired.annotations },
  };
  const labels = { ...keep(live.metadata?.labels, before.labels), ...desired.labels };
  // The token controller's keys stay: written over, the token of every consumer would change.
  const filled = Object.fromEntries(
    clusterFilledKeys(desired.type)
      .filter((k) => live.data?.[k] !== undefined)
      .map((k) => [k, live.data![k]!]),
  );
  const ref = { namespace: live.metadata!.namespace!, name: live.metadata!.name! };
  await cluster.core.replaceNamespacedSecret({
    ...ref,
    body: bodyOf(desired, metadata, labels, filled),
    fieldManager: FIELD_MANAGER,
  });
}
