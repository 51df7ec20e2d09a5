import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type SecretVolumeItem, envFromSecret, envVarFromSecret, volumeFromSecret } from "../compose";
import type { SecretMetadataArgs } from "../metadataArgs";
import type { SecretOutputs } from "../outputs";
import { prepareSecret } from "../plan";
import { SecretType } from "../validation/types";

/** Arguments of {@link BasicAuthSecret}. */
export interface BasicAuthSecretArgs extends SecretMetadataArgs {
  /**
   * The user name, stored under the key `username`.
   *
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#basic-authentication-secret
   */
  username: pulumi.Input<string>;
  /**
   * The password or token, stored under the key `password`.
   *
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#basic-authentication-secret
   */
  password: pulumi.Input<string>;
}

/**
 * A `kubernetes.io/basic-auth` Secret holding a user name and a password.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#basic-authentication-secret
 */
export class BasicAuthSecret extends pulumi.ComponentResource implements SecretOutputs {
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
  /** The data as stored: key to base64 value. Secret. */
  public readonly data!: pulumi.Output<{ [key: string]: string }>;
  /** The underlying `kubernetes:core/v1:Secret`, for `dependsOn` and composition. */
  public readonly secret!: k8s.core.v1.Secret;

  constructor(name: string, args: BasicAuthSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    const prepared = prepareSecret(name, args, {
      token: "kubesecret:index:BasicAuthSecret",
      type: SecretType.BasicAuth,
      values: { username: args.username, password: args.password },
      toEntries: (v) => ({
        entries: [
          { key: "username", field: "args.username", value: v.username, encoding: "utf8" },
          { key: "password", field: "args.password", value: v.password, encoding: "utf8" },
        ],
        problems: [],
      }),
    });
    super("kubesecret:index:BasicAuthSecret", name, prepared.stateArgs, opts);
    const outputs = prepared.create(this);
    Object.assign(this, outputs);
    this.registerOutputs(outputs);
  }

  /** An `envFrom` entry exposing every key as an environment variable (optionally prefixed). */
  envFrom(prefix?: string): k8s.types.input.core.v1.EnvFromSource {
    return envFromSecret(this, prefix);
  }

  /** An `env` entry setting `envName` from the data key `key`. */
  envVar(envName: string, key: string): k8s.types.input.core.v1.EnvVar {
    return envVarFromSecret(this, envName, key);
  }

  /** A `volumes` entry mounting this Secret (all keys, or the listed items). */
  volume(volumeName: string, items?: SecretVolumeItem[]): k8s.types.input.core.v1.Volume {
    return volumeFromSecret(this, volumeName, items);
  }
}
