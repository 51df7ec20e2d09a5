import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretMetadataArgs } from "../metadataArgs";
import type { SecretOutputs } from "../outputs";
import { planSecret } from "../pipeline/plan";
import { type PartValues, fixedKeys } from "../pipeline/fixedKeys";
import type { SecretClass } from "../pipeline/spec";
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

/** The type `kubernetes.io/tls`: `tls.crt`, `tls.key`, and `ca.crt` when given. */
const tlsSecretClass: SecretClass<TlsSecretArgs, PartValues> = {
  token: "kubesecret:index:TlsSecret",
  type: () => SecretType.Tls,
  ...fixedKeys<TlsSecretArgs>([
    { key: "tls.crt", field: "cert" },
    { key: "tls.key", field: "key" },
    { key: "ca.crt", field: "caCert", optional: true },
  ]),
};

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
  /** The data as stored: key to base64 value. Secret. Resolves to undefined with `writeOnly` (nothing is stored). */
  public readonly data!: pulumi.Output<{ [key: string]: string }>;
  /** Changes exactly when the data or the type changes (set `trackRevision`); reveals nothing about the values. */
  public readonly revision!: pulumi.Output<string | undefined>;
  /** The underlying `kubernetes:core/v1:Secret`, for `dependsOn` and composition; undefined with `writeOnly` (depend on the component). */
  public readonly secret!: k8s.core.v1.Secret;

  constructor(name: string, args: TlsSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planSecret(name, args, tlsSecretClass, opts);
    // The child holds the live object; the component's own state stays empty (see docs/cost.md).
    super(plan.token, name, {}, opts);
    plan.attach(this);
    this.registerOutputs({});
  }
}
