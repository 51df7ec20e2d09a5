/**
 * Inputs for workloads that consume a Secret. They carry the Secret's real (possibly generated)
 * name as an Output, so the workload depends on the Secret and follows its replacements.
 */
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { validateDataKey } from "./validation/data";

/** A projection of one data key to a file in a Secret volume. */
export interface SecretVolumeItem {
  /** The data key. */
  key: string;
  /** The relative file path inside the volume. */
  path: string;
  /** File mode bits, e.g. 0o400. */
  mode?: number;
}

/** What the helpers need of a component. */
export interface SecretReference {
  readonly name: pulumi.Output<string>;
}

/** `envFrom` entry that exposes every key of the Secret as an environment variable. */
export function envFromSecret(secret: SecretReference, prefix?: string): k8s.types.input.core.v1.EnvFromSource {
  return { secretRef: { name: secret.name }, ...(prefix === undefined ? {} : { prefix }) };
}

/** `env` entry that sets `envName` from one data key. */
export function envVarFromSecret(
  secret: SecretReference,
  envName: string,
  key: string,
): k8s.types.input.core.v1.EnvVar {
  assertKey(key, "key");
  return { name: envName, valueFrom: { secretKeyRef: { name: secret.name, key } } };
}

/** `volumes` entry that mounts the Secret, all keys or the listed `items`. */
export function volumeFromSecret(
  secret: SecretReference,
  volumeName: string,
  items?: SecretVolumeItem[],
): k8s.types.input.core.v1.Volume {
  items?.forEach((item, index) => assertKey(item.key, `items[${index}].key`));
  return { name: volumeName, secret: { secretName: secret.name, ...(items === undefined ? {} : { items }) } };
}

function assertKey(key: string, field: string): void {
  const problems = validateDataKey(key, field);
  if (problems.length > 0) throw new pulumi.RunError(`${field}: ${problems[0]!.rule}`);
}
