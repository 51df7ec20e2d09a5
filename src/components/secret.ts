import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type KeyValueArgs, type MapValues, keyValueData } from "./keyValueArgs";
import type { SecretOutputs } from "../outputs";
import { planSecret } from "../pipeline/plan";
import type { SecretClass } from "../pipeline/spec";
import { STRING } from "../validation/shapes";
import { SecretType } from "../validation/types";

/** Arguments of {@link Secret}. */
export interface SecretArgs extends KeyValueArgs {
  /**
   * The Secret type. Built-in types get their required keys and content checked; a misspelling
   * of a built-in type (such as `opaque`) is rejected rather than creating a custom type.
   *
   * @default - "Opaque"
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#secret-types
   */
  type?: pulumi.Input<string>;
}

/** Any Secret type; the keys and values of `stringData` and `data`. */
const secretClass: SecretClass<SecretArgs, MapValues> = {
  token: "kubesecret:index:Secret",
  type: (args) => args.type,
  ...keyValueData,
  shapes: { ...keyValueData.shapes, type: STRING },
  // The token controller fills in a service-account-token Secret's data.
  keys: (args) => (args.type === SecretType.ServiceAccountToken ? "live" : keyValueData.keys(args)),
};

/**
 * A Kubernetes Secret of any type, `Opaque` by default, from plain-text or base64 values.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/
 */
export class Secret extends pulumi.ComponentResource implements SecretOutputs {
  /** The Secret's name on the cluster (generated when `name` is not set). */
  public readonly name!: pulumi.Output<string>;
  /** The namespace the Secret lives in. */
  public readonly namespace!: pulumi.Output<string>;
  /** The live object's UID, assigned by the API server. */
  public readonly uid!: pulumi.Output<string>;
  /** The live object's resourceVersion, which changes on every write. */
  public readonly resourceVersion!: pulumi.Output<string>;
  /** When the API server created the object (RFC 3339). */
  public readonly creationTimestamp!: pulumi.Output<string>;
  /** The Secret type as stored. */
  public readonly type!: pulumi.Output<string>;
  /** The data keys, sorted. Not secret, so previews show which keys exist. */
  public readonly keys!: pulumi.Output<string[]>;
  /** The data as stored: key to base64 value. Secret. Resolves to undefined with `writeOnly` (nothing is stored). */
  public readonly data!: pulumi.Output<{ [key: string]: string }>;
  /** Changes exactly when the data or the type changes (set `trackRevision`); reveals nothing about the values. */
  public readonly revision!: pulumi.Output<string | undefined>;
  /** The underlying `kubernetes:core/v1:Secret`, for `dependsOn` and composition; undefined with `writeOnly` (depend on the component). */
  public readonly secret!: k8s.core.v1.Secret;

  constructor(name: string, args: SecretArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planSecret(name, args, secretClass, opts);
    // The child holds the live object; the component's own state stays empty (see docs/cost.md).
    super(plan.token, name, {}, opts);
    plan.attach(this);
    this.registerOutputs({});
  }
}
