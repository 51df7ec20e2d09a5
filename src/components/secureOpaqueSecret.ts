import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type KeyValueArgs, type MapValues, keyValueData } from "./keyValueArgs";
import type { SecretOutputs } from "../outputs";
import { planSecret } from "../pipeline/plan";
import type { SecretClass } from "../pipeline/spec";
import { SecretType } from "../validation/types";

/**
 * Arguments of {@link SecureOpaqueSecret}: the keys and values of {@link Secret}, without `type`
 * (fixed). Its own name because Pulumi's schema inference names the input type after it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SecureOpaqueSecretArgs extends KeyValueArgs {}

/** The type `cfe/secure-opaque`; the keys and values of `stringData` and `data`. */
const secureOpaqueSecretClass: SecretClass<SecureOpaqueSecretArgs, MapValues> = {
  token: "kubesecret:index:SecureOpaqueSecret",
  type: () => SecretType.SecureOpaque,
  ...keyValueData,
};

/**
 * A Secret of the vendor type `cfe/secure-opaque`: arbitrary keys like `Opaque`, which some
 * managed clusters encrypt at rest with their key management service. On other clusters it is an
 * ordinary custom-typed Secret.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#secret-types
 */
export class SecureOpaqueSecret extends pulumi.ComponentResource implements SecretOutputs {
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

  constructor(name: string, args: SecureOpaqueSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planSecret(name, args, secureOpaqueSecretClass, opts);
    // The child holds the live object; the component's own state stays empty (see docs/cost.md).
    super(plan.token, name, {}, opts);
    plan.attach(this);
    this.registerOutputs({});
  }
}
