import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type SecretVolumeItem, envFromSecret, envVarFromSecret, volumeFromSecret } from "../compose";
import type { SecretMetadataArgs } from "../metadataArgs";
import type { SecretOutputs } from "../outputs";
import { prepareSecret } from "../plan";
import { SecretType } from "../validation/types";

/** Arguments of {@link TlsSecret}. */
export interface TlsSecretArgs extends SecretMetadataArgs {
  /**
   * The PEM certificate (chain), stored under `tls.crt`. Checked to parse as X.509.
   *
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
   */
  cert: pulumi.Input<string>;
  /**
   * The unencrypted PEM private key, stored under `tls.key`. Checked to match the certificate.
   *
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
   */
  key: pulumi.Input<string>;
  /**
   * A PEM CA certificate, stored under `ca.crt` (as cert-manager does).
   *
   * @default - no `ca.crt` key
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
   */
  caCert?: pulumi.Input<string>;
}

/**
 * A `kubernetes.io/tls` Secret holding a certificate and its private key, checked to parse and
 * to match before anything is sent.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets
 */
export class TlsSecret extends pulumi.ComponentResource implements SecretOutputs {
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

  constructor(name: string, args: TlsSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    const prepared = prepareSecret(name, args, {
      token: "kubesecret:index:TlsSecret",
      type: SecretType.Tls,
      values: { cert: args.cert, key: args.key, caCert: args.caCert },
      toEntries: (v) => ({
        entries: [
          { key: "tls.crt", field: "args.cert", value: v.cert, encoding: "utf8" as const },
          { key: "tls.key", field: "args.key", value: v.key, encoding: "utf8" as const },
          ...(v.caCert === undefined
            ? []
            : [{ key: "ca.crt", field: "args.caCert", value: v.caCert, encoding: "utf8" as const }]),
        ],
        problems: [],
      }),
    });
    super("kubesecret:index:TlsSecret", name, prepared.stateArgs, opts);
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
