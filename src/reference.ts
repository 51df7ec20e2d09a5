/**
 * Consumer-side functions: what a workload needs from a Secret, as `@pulumi/kubernetes` input
 * types. They take a {@link SecretReference}: a kubesecret component (its `name` is an Output, so
 * the workload depends on the Secret and follows its replacements) or an existing Secret named
 * with {@link fromSecretName}.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretOutputs } from "./outputs";
import { ROLLOUT_ANNOTATION } from "./pipeline/revision";
import { validateDataKey } from "./validation/data";

/** A Secret a workload can refer to. Every kubesecret component is one. */
export interface SecretReference {
  /** The Secret's name. */
  readonly name: pulumi.Input<string>;
}

/** Any kubesecret component, whatever its class. */
export type SecretComponent = pulumi.ComponentResource & SecretOutputs;

/** A projection of one data key to a file in a Secret volume. */
export interface SecretVolumeItem {
  /** The data key. */
  key: string;
  /** The relative file path inside the volume. */
  path: string;
  /** File mode bits, e.g. 0o400. */
  mode?: number;
}

/** A reference to a Secret this program does not create (it must exist in the workload's namespace). */
export function fromSecretName(name: pulumi.Input<string>): SecretReference {
  return { name };
}

/** An `envFrom` entry exposing every key of the Secret as an environment variable (optionally prefixed). */
export function envFrom(secret: SecretReference, prefix?: string): k8s.types.input.core.v1.EnvFromSource {
  return { secretRef: { name: secret.name }, ...(prefix === undefined ? {} : { prefix }) };
}

/** An `env` entry setting `envName` from the data key `key`. */
export function envVar(secret: SecretReference, envName: string, key: string): k8s.types.input.core.v1.EnvVar {
  assertKey(key, "key");
  return { name: envName, valueFrom: { secretKeyRef: { name: secret.name, key } } };
}

/** A `volumes` entry mounting the Secret: all keys, or the listed items. */
export function volume(
  secret: SecretReference,
  volumeName: string,
  items?: SecretVolumeItem[],
): k8s.types.input.core.v1.Volume {
  items?.forEach((item, index) => assertKey(item.key, `items[${index}].key`));
  return { name: volumeName, secret: { secretName: secret.name, ...(items === undefined ? {} : { items }) } };
}

/** An `imagePullSecrets` entry for a registry Secret. */
export function imagePullSecret(secret: SecretReference): k8s.types.input.core.v1.LocalObjectReference {
  return { name: secret.name };
}

/**
 * Pod-template annotations that change exactly when the content of any of the given Secrets
 * changes, so that a Deployment (or any workload with a pod template) rolls out then and only
 * then. Each Secret needs `trackRevision: true`. Pass every Secret the workload reads in one call:
 * the annotation key is the same for all.
 */
export function rolloutAnnotations(
  ...secrets: ReadonlyArray<Pick<SecretComponent, "revision" | "urn">>
): pulumi.Output<{ [key: string]: string }> {
  if (secrets.length === 0) throw new pulumi.RunError("rolloutAnnotations: pass at least one Secret");
  const revisions = secrets.map((secret) => pulumi.all([secret.urn, secret.revision]));
  return pulumi.all(revisions).apply((pairs): { [key: string]: string } => {
    const missing = pairs.find(([, revision]) => revision === undefined);
    if (missing !== undefined) {
      const name = missing[0].split("::").pop();
      throw new pulumi.RunError(`rolloutAnnotations: "${name}" has no revision; create it with trackRevision: true`);
    }
    return { [ROLLOUT_ANNOTATION]: pairs.map(([, revision]) => revision).join(".") };
  });
}

function assertKey(key: string, field: string): void {
  const problems = validateDataKey(key, field);
  if (problems.length > 0) throw new pulumi.RunError(`${field}: ${problems[0]!.rule}`);
}
