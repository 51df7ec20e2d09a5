import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretMetadataArgs } from "../metadataArgs";
import type { SecretOutputs } from "../outputs";
import { planSecret } from "../pipeline/plan";
import type { SecretClass } from "../pipeline/spec";
import { type RegistryCredential, dockerConfigContent } from "../validation/dockerConfig";
import { STRING, type Shape } from "../validation/shapes";
import { SecretType } from "../validation/types";

/** Credentials for one container registry, as {@link DockerConfigSecret} takes them. */
export interface DockerRegistryCredential {
  /**
   * The registry host (and optional path) as image references name it, e.g. `ghcr.io`.
   *
   * @see https://kubernetes.io/docs/tasks/configure-pod-container/pull-image-private-registry/
   */
  server: pulumi.Input<string>;
  /** The user name; must not contain `:`. */
  username: pulumi.Input<string>;
  /** The password or access token. */
  password: pulumi.Input<string>;
  /**
   * An e-mail address, for old clients.
   *
   * @default - no email
   */
  email?: pulumi.Input<string>;
}

/** Arguments of {@link DockerConfigSecret}. Set exactly one of `registries` and `dockerConfigJson`. */
export interface DockerConfigSecretArgs extends SecretMetadataArgs {
  /**
   * Registry credentials; the component writes `.dockerconfigjson` with an `auths` entry per
   * registry, including the `auth` field (base64 of `username:password`).
   *
   * @default - none: `dockerConfigJson` must be set
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#docker-config-secrets
   */
  registries?: pulumi.Input<pulumi.Input<DockerRegistryCredential>[]>;
  /**
   * A ready `~/.docker/config.json` document (JSON with an `auths` object), used as is.
   *
   * @default - none: `registries` must be set
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#docker-config-secrets
   */
  dockerConfigJson?: pulumi.Input<string>;
}

type DockerValues = Pick<DockerConfigSecretArgs, "registries" | "dockerConfigJson">;

const REGISTRY: Shape = {
  kind: "list",
  items: { kind: "object", properties: { server: STRING, username: STRING, password: STRING, email: STRING } },
};

/** The type `kubernetes.io/dockerconfigjson`: `.dockerconfigjson`, from `registries` or as given. */
const dockerConfigSecretClass: SecretClass<DockerConfigSecretArgs, DockerValues> = {
  token: "kubesecret:index:DockerConfigSecret",
  type: () => SecretType.DockerConfigJson,
  shapes: { registries: REGISTRY, dockerConfigJson: STRING },
  values: (args) => ({ registries: args.registries, dockerConfigJson: args.dockerConfigJson }),
  content: (v) => dockerConfigContent(v.registries as RegistryCredential[] | undefined, v.dockerConfigJson),
  keys: () => [".dockerconfigjson"],
};

/**
 * A `kubernetes.io/dockerconfigjson` Secret with container registry credentials, for a Pod's
 * `imagePullSecrets`.
 *
 * @see https://kubernetes.io/docs/concepts/configuration/secret/#docker-config-secrets
 */
export class DockerConfigSecret extends pulumi.ComponentResource implements SecretOutputs {
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

  constructor(name: string, args: DockerConfigSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    const plan = planSecret(name, args, dockerConfigSecretClass, opts);
    // The child holds the live object; the component's own state stays empty (see docs/cost.md).
    super(plan.token, name, {}, opts);
    plan.attach(this);
    this.registerOutputs({});
  }
}
