import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretMetadataArgs } from "../metadataArgs";
import type { SecretOutputs } from "../outputs";
import { planSecret } from "../pipeline/plan";
import type { SecretClass } from "../pipeline/spec";
import { validateObjectName } from "../validation/metadata";
import { STRING } from "../validation/shapes";
import { SERVICE_ACCOUNT_NAME_ANNOTATION, SecretType } from "../validation/types";

/** Arguments of {@link ServiceAccountTokenSecret}. */
export interface ServiceAccountTokenSecretArgs extends SecretMetadataArgs {
  /**
   * The ServiceAccount (in the same namespace) the token is for; set as the annotation
   * `kubernetes.io/service-account.name`. The cluster's token controller fills in `token`,
   * `ca.crt` and `namespace`.
   *
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets
   */
  serviceAccountName: pulumi.Input<string>;
}

/** The type `kubernetes.io/service-account-token`: the cluster fills in the data. */
const serviceAccountTokenSecretClass: SecretClass<ServiceAccountTokenSecretArgs, object> = {
  token: "kubesecret:index:ServiceAccountTokenSecret",
  type: () => SecretType.ServiceAccountToken,
  shapes: { serviceAccountName: STRING },
  // The account name is metadata, not a secret value: it stays plain.
  values: () => ({}),
  content: () => ({ entries: [], problems: [] }),
  annotations: (args) => ({ [SERVICE_ACCOUNT_NAME_ANNOTATION]: args.serviceAccountName }),
  checks: (args) => [
    { input: args.serviceAccountName, check: (v) => validateObjectName(v, "args.serviceAccountName") },
  ],
  keys: () => "live",
};

/**
 * A `kubernetes.io/service-account-token` Secret: a long-lived API token for a ServiceAccount,
 * filled in by the cluster's token controller. `keys` and `data` show what the cluster wrote.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#serviceaccount-token-secrets
 */
export class ServiceAccountTokenSecret extends pulumi.ComponentResource implements SecretOutputs {
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

  constructor(name: string, args: ServiceAccountTokenSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planSecret(name, args, serviceAccountTokenSecretClass, opts);
    // The child holds the live object; the component's own state stays empty (see docs/cost.md).
    super(plan.token, name, {}, opts);
    plan.attach(this);
    this.registerOutputs({});
  }
}
