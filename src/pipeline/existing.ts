/**
 * A fixed name that is already taken. pulumi-kubernetes up to 4.28 creates with a server-side
 * apply that silently merges into an existing Secret when the shared keys agree (and the stack
 * then deletes that Secret on destroy); from 4.29 it fails. kubesecret never takes over a Secret
 * by accident with either: before the child is created, the program looks with its own client
 * (the provider's cluster, see writeOnly/settings.ts) and refuses a taken name, unless the object
 * was written by this same component in write-only mode (switching the mode back keeps it), or
 * `adopt` asks for it. Adopting prepares the object so that the provider's create (a server-side
 * apply) leaves exactly what the program declares: undeclared keys, labels and annotations are
 * removed and the other field managers' claims are cleared, in place (same uid).
 */
import * as pulumi from "@pulumi/pulumi";
import type { V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { type Cluster, connect } from "../writeOnly/cluster";
import { ownerOf } from "../writeOnly/fingerprints";
import { OWNER_LABEL, describeFailure, readObject, valueForms } from "../writeOnly/kube";
import { settingsIfFollowable } from "../writeOnly/settings";
import { FIELD_MANAGER } from "../writeOnly/writer";

/** Where the child is, as its inputs say. */
interface Target {
  readonly namespace?: unknown;
  readonly name?: unknown;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/**
 * Whether the monitor takes resource hooks. The engine does; @pulumi/pulumi's mock monitor says
 * it does but has no way to register one (3.276), so under a program's unit-test mocks the
 * check is left out rather than failing every fixed-name Secret (nothing reaches a cluster there).
 */
export function hooksAvailable(): boolean {
  const monitor = pulumi.runtime.getMonitor() as { registerResourceHook?: unknown } | undefined;
  return monitor === undefined || typeof monitor.registerResourceHook === "function";
}

/** A before-create hook for the child of `component`: refuse a taken name, or adopt it. */
export function beforeCreate(
  component: pulumi.ComponentResource,
  subject: string,
  adopt: boolean,
): pulumi.ResourceHookFunction {
  const settings = settingsIfFollowable(component);
  const owner = new Promise<string>((resolve) => component.urn.apply((urn) => resolve(urn)));
  return async (args) => {
    const metadata = (args.newInputs?.["metadata"] ?? {}) as Target;
    if (typeof metadata.name !== "string") return;
    const known = await settings;
    // A provider from another language, or one writing elsewhere: the provider's own create decides.
    if (known === undefined) return;
    const cluster = await connect(known);
    const namespace = typeof metadata.namespace === "string" ? metadata.namespace : cluster.defaultNamespace;
    const ref = { namespace, name: metadata.name };
    let existing: V1Secret | undefined;
    try {
      existing = await readObject(cluster, ref);
    } catch (err) {
      throw new Error(
        `${subject}: could not check whether the name is free: ${describeFailure(err)}. kubesecret checks with its ` +
          "own client, which follows the provider's kubeconfig and context, or for the default provider the " +
          "program's KUBECONFIG and kubernetes:* stack config.",
      );
    }
    if (existing === undefined) return;
    if (existing.metadata?.labels?.[OWNER_LABEL] === ownerOf(await owner)) return;
    if (!adopt) throw taken(subject, ref);
    const type = args.newInputs?.["type"];
    if (typeof type === "string" && (existing.type ?? "Opaque") !== type) {
      throw new Error(
        `${subject}: cannot adopt the Secret "${ref.name}" in namespace "${namespace}": its type is "${existing.type}", ` +
          `not "${type}", and a Secret's type cannot change in place. It was left untouched.`,
      );
    }
    const declaredKeys = Object.keys((args.newInputs?.["data"] ?? {}) as object);
    await prepareAdoption(cluster, existing, declaredKeys, metadata, subject);
  };
}

function taken(subject: string, ref: { namespace: string; name: string }): Error {
  return new Error(
    `${subject}: a Secret named "${ref.name}" already exists in namespace "${ref.namespace}" and was not ` +
      "created by this component; it was left untouched. Choose another name, delete or rename the existing " +
      "Secret, or set adopt: true to take it over.",
  );
}

/**
 * Keeps only what the program declares (the values of kept keys unchanged: the provider's apply
 * writes the new ones next), and clears the field managers, so that the apply owns every field
 * and a key removed later is really removed.
 */
async function prepareAdoption(
  cluster: Cluster,
  existing: V1Secret,
  declaredKeys: readonly string[],
  declared: Target,
  subject: string,
): Promise<void> {
  const only = (map: Record<string, string> | undefined, keys: readonly string[]) =>
    Object.fromEntries(Object.entries(map ?? {}).filter(([k]) => keys.includes(k)));
  const body: V1Secret = {
    ...existing,
    metadata: {
      ...existing.metadata,
      labels: only(existing.metadata?.labels, Object.keys(declared.labels ?? {})),
      annotations: only(existing.metadata?.annotations, Object.keys(declared.annotations ?? {})),
      // An empty entry clears the list (the API's way to reset field ownership).
      managedFields: [{}],
    },
    data: only(existing.data, declaredKeys),
  };
  delete (body as { stringData?: unknown }).stringData;
  const ref = { namespace: existing.metadata!.namespace!, name: existing.metadata!.name! };
  try {
    await cluster.core.replaceNamespacedSecret({ ...ref, body, fieldManager: FIELD_MANAGER });
  } catch (err) {
    throw new Error(
      `${subject}: adopting the Secret "${ref.name}" in namespace "${ref.namespace}" failed: ${describeFailure(err, valueForms(existing.data))}`,
    );
  }
}

/**
 * In a preview with `adopt`: what taking the Secret over changes, by key name only (values are
 * compared in memory, never printed).
 */
export function describeAdoption(
  component: pulumi.ComponentResource,
  subject: string,
  target: pulumi.Output<{ namespace?: string; name?: string; data: Record<string, string> }>,
): void {
  if (!pulumi.runtime.isDryRun()) return;
  const settings = settingsIfFollowable(component);
  target.apply(async ({ namespace, name, data }) => {
    const known = await settings;
    if (known === undefined || name === undefined) return;
    const cluster = await connect(known).catch(() => undefined);
    if (cluster === undefined) return;
    const ns = namespace ?? cluster.defaultNamespace;
    const existing = await readObject(cluster, { namespace: ns, name }).catch(() => undefined);
    if (existing === undefined) {
      pulumi.log.info(`${subject}: no Secret "${name}" in namespace "${ns}" to adopt; it will be created.`, component);
      return;
    }
    const live = existing.data ?? {};
    const names = (keys: string[]) => (keys.length > 0 ? keys.sort().join(", ") : "none");
    const added = Object.keys(data).filter((k) => !(k in live));
    const removed = Object.keys(live).filter((k) => !(k in data));
    const changed = Object.keys(data).filter((k) => k in live && live[k] !== data[k]);
    pulumi.log.info(
      `${subject}: adopts the existing Secret "${name}" in namespace "${ns}" (uid ${existing.metadata?.uid}): ` +
        `keys added: ${names(added)}; removed: ${names(removed)}; changed: ${names(changed)}.`,
      component,
    );
  });
}
