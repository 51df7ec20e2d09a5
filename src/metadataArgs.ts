import type * as pulumi from "@pulumi/pulumi";

/**
 * One owner of the Secret (`metadata.ownerReferences[]`): the object whose deletion makes the
 * Kubernetes garbage collector delete the Secret. Build one from a Pulumi Kubernetes resource
 * with {@link ownerReference}.
 */
export interface OwnerReferenceArgs {
  /**
   * The owner's API version, `v1` or `group/version` (e.g. `apps/v1`).
   *
   * @see https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/object-meta/#System
   */
  apiVersion: pulumi.Input<string>;
  /** The owner's kind, e.g. `ConfigMap` or `Deployment`. */
  kind: pulumi.Input<string>;
  /** The owner's name, in the Secret's namespace unless the owner is cluster-scoped. */
  name: pulumi.Input<string>;
  /**
   * The owner's UID, assigned by the API server: the garbage collector treats an owner whose uid
   * differs (deleted and created again) as gone.
   */
  uid: pulumi.Input<string>;
  /**
   * Marks the owner as the Secret's managing controller; at most one reference may set it.
   *
   * @default - false
   */
  controller?: pulumi.Input<boolean>;
  /**
   * With foreground deletion of the owner, keep the owner until the garbage collector has deleted
   * the Secret. Clusters that enforce it require permission to delete the owner.
   *
   * @default - false
   * @see https://kubernetes.io/docs/concepts/architecture/garbage-collection/#foreground-deletion
   */
  blockOwnerDeletion?: pulumi.Input<boolean>;
}

/**
 * Metadata arguments every kubesecret component takes.
 */
export interface SecretMetadataArgs {
  /**
   * The namespace to create the Secret in. It must exist already.
   *
   * @default - the namespace of the Kubernetes provider (usually `default`)
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
   */
  namespace?: pulumi.Input<string>;
  /**
   * The exact name of the Secret: a DNS-1123 subdomain of at most 253 characters. A change
   * replaces the Secret. Cannot be combined with `generateName`.
   *
   * @default - a name the provider generates: the component name, `-` and 8 random hex digits
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
   */
  name?: pulumi.Input<string>;
  /**
   * A prefix for a generated name. The live name is the prefix (without one trailing `-`), `-`
   * and 8 random hex digits; it stays the same across updates, differs between stacks and is new
   * when the Secret is replaced (the new Secret is created before the old one is deleted).
   * Cannot be combined with `name`. Two components of one class in one program need distinct prefixes.
   *
   * @default - no prefix: the component name is used
   * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#generated-values
   */
  generateName?: string;
  /**
   * Labels for the Secret. Keys are qualified names (`[prefix/]name`), values at most 63
   * characters. Never put anything derived from a secret value here.
   *
   * @default - no labels
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/
   */
  labels?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  /**
   * Annotations for the Secret; keys and values together at most 256 KiB. Annotations are not
   * encrypted: never put anything derived from a secret value here.
   *
   * @default - no annotations
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/
   */
  annotations?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  /**
   * Makes the Secret immutable: Kubernetes then rejects any change to its data, so a later data
   * change replaces the Secret.
   *
   * @default - false (mutable)
   * @see https://kubernetes.io/docs/concepts/configuration/secret/#secret-immutable
   */
  immutable?: pulumi.Input<boolean>;
  /**
   * The Secret's owners: when every owner is deleted, the Kubernetes garbage collector deletes the
   * Secret too (Pulumi learns of it on the next refresh). An owner must be cluster-scoped or in
   * the Secret's namespace; an owner that does not exist (wrong namespace, name or uid) counts as
   * deleted. Within one program, `deletedWith` is often the better choice (see docs/owners.md).
   *
   * @default - no owners: the Secret lives until Pulumi deletes it
   * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/
   */
  ownerReferences?: pulumi.Input<pulumi.Input<OwnerReferenceArgs>[]>;
  /**
   * Expose a `revision` that changes exactly when the data or the type changes, for rolling the
   * workloads that use the Secret (see `rolloutAnnotations`). It is an HMAC under a random key
   * the component keeps, encrypted, in Pulumi state (one `pulumi:index:Stash` per Secret), so it
   * reveals nothing about the values to those who can read the workloads but not the Secret.
   *
   * @default - false: no revision (and no key in state)
   */
  trackRevision?: boolean;
  /**
   * Keep the values out of Pulumi state entirely: the program writes them to the cluster with
   * its own client, and state holds only, per key, an HMAC under a key kept in the cluster (the
   * Secret `kubesecret-fingerprint-key` of the namespace). Changes, drift and deletion are still
   * detected; the `data` output and the `secret` child are absent. TypeScript and JavaScript
   * programs only. See docs/write-only.md.
   *
   * @default - false: values are stored in state, encrypted, like any Pulumi secret
   */
  writeOnly?: boolean;
  /**
   * Take over the existing Secret named `name` (made by kubectl, Helm or another tool) in place:
   * same uid, never missing; after `up` its data, labels and annotations are exactly what the
   * program declares (undeclared keys are removed). The preview says what it changes, by key
   * name. Without it, a taken name fails and the existing Secret is left untouched. Needs `name`;
   * the type must match. See docs/existing-secrets.md.
   *
   * @default - false: a Secret whose name is taken is never taken over
   */
  adopt?: boolean;
}
