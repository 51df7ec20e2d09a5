/**
 * The only part of the pipeline that registers resources: the child Secret (and, when asked for,
 * the key of the rollout revision), and the outputs read back from them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretOutputs } from "../outputs";
import type { EncodedData } from "./encode";
import { computeRevision, newRevisionKey } from "./revision";
import type { SecretSpec } from "./spec";

/** Makes a value unknown while the child's id is (a preview that creates or replaces it). */
type Settle = <T>(value: pulumi.Output<T>) => pulumi.Output<T>;

/** The encoded data: plain when every argument was known, else resolved in one apply. */
export type Content = EncodedData | pulumi.Output<EncodedData>;

/** Registers the child Secret under `component` and returns the component's outputs. */
export function registerSecret(
  component: pulumi.ComponentResource,
  spec: SecretSpec,
  content: Content,
  keysFromLiveObject: boolean,
): SecretOutputs {
  const aliases = spec.childAliases.map((name) => ({ name }));
  const child = new k8s.core.v1.Secret(
    spec.childName,
    {
      metadata: { name: spec.name, namespace: spec.namespace, labels: spec.labels, annotations: spec.annotations },
      type: spec.type,
      immutable: spec.immutable,
      data: pulumi.secret(pulumi.Output.isInstance(content) ? content.apply((c) => c.data) : content.data),
    },
    { parent: component, ...(aliases.length > 0 ? { aliases } : {}) },
  );

  // A value the API server assigns on create stays unknown in a preview that creates or replaces
  // the Secret (its id is unknown then), instead of showing what a dry run made up.
  const settled: Settle = (value) => pulumi.all([child.id, value]).apply(([, v]) => v) as typeof value;
  const keys = keysFromLiveObject
    ? child.data.apply((data) => Object.keys(data ?? {}).sort())
    : pulumi.Output.isInstance(content)
      ? content.apply((c) => c.keys)
      : pulumi.output(content.keys);
  return {
    name: spec.name === undefined ? settled(child.metadata.name) : child.metadata.name,
    namespace: child.metadata.namespace,
    uid: settled(child.metadata.uid),
    resourceVersion: settled(child.metadata.resourceVersion),
    creationTimestamp: settled(child.metadata.creationTimestamp),
    type: child.type,
    // Key names are visible metadata in Kubernetes; keeping them plain lets previews show them.
    keys: pulumi.unsecret(keys),
    data: pulumi.secret(child.data),
    revision: spec.trackRevision ? revisionOf(component, spec.childName, child, settled) : pulumi.output(undefined),
    secret: child,
  };
}

/**
 * The rollout revision (see revision.ts). Plain on purpose: it is made to be copied into
 * workloads that readers of the Secret's data are not, and without the key it tells nothing.
 */
function revisionOf(
  component: pulumi.ComponentResource,
  childName: string,
  child: k8s.core.v1.Secret,
  settled: Settle,
): pulumi.Output<string | undefined> {
  // Each run draws a key; ignoreChanges makes the engine keep the one stored when it was created.
  const key = new pulumi.Stash(
    `${childName}-revision-key`,
    { input: pulumi.secret(newRevisionKey()) },
    { parent: component, ignoreChanges: ["input"] },
  );
  const revision = pulumi
    .all([key.id, key.output, child.type, child.data])
    .apply(([, keyValue, type, data]) => computeRevision(keyValue as string, type, data ?? {}));
  return pulumi.unsecret(settled(revision));
}
