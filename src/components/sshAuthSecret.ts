import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretMetadataArgs } from "../metadataArgs";
import type { SecretOutputs } from "../outputs";
import { planSecret } from "../pipeline/plan";
import { type PartValues, fixedKeys } from "../pipeline/fixedKeys";
import type { SecretClass } from "../pipeline/spec";
import { SecretType } from "../validation/types";

/** Arguments of {@link SshAuthSecret}. */
export interface SshAuthSecretArgs extends SecretMetadataArgs {
  /**
   * The SSH private key (PEM or OpenSSH format), stored under the key `ssh-privatekey`.
   *
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#ssh-authentication-secrets
   */
  privateKey: pulumi.Input<string>;
  /**
   * `known_hosts` lines for the servers the key is used with, stored under the key `known_hosts`.
   *
   * @default - no known_hosts entry
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#ssh-authentication-secrets
   */
  knownHosts?: pulumi.Input<string>;
}

/** The type `kubernetes.io/ssh-auth`: `ssh-privatekey`, and `known_hosts` when given. */
const sshAuthSecretClass: SecretClass<SshAuthSecretArgs, PartValues> = {
  token: "kubesecret:index:SshAuthSecret",
  type: () => SecretType.SshAuth,
  ...fixedKeys<SshAuthSecretArgs>([
    { key: "ssh-privatekey", field: "privateKey" },
    { key: "known_hosts", field: "knownHosts", optional: true },
  ]),
};

/**
 * A `kubernetes.io/ssh-auth` Secret holding an SSH private key and, optionally, known hosts.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#ssh-authentication-secrets
 */
export class SshAuthSecret extends pulumi.ComponentResource implements SecretOutputs {
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

  constructor(name: string, args: SshAuthSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planSecret(name, args, sshAuthSecretClass, opts);
    // The child holds the live object; the component's own state stays empty (see docs/cost.md).
    super(plan.token, name, {}, opts);
    plan.attach(this);
    this.registerOutputs({});
  }
}
