/**
 * The consumer-side helper for `ownerReferences`: a reference to a Pulumi Kubernetes resource,
 * built from its outputs, so the uid is the live object's and never typed by hand.
 */
import * as pulumi from "@pulumi/pulumi";
import type { OwnerReferenceArgs } from "./metadataArgs";

/**
 * A Kubernetes object managed by Pulumi: any resource of `@pulumi/kubernetes` (a ConfigMap, a
 * Deployment, a CustomResource, a kubesecret component's `secret`, ...).
 */
export interface OwnerResource extends pulumi.CustomResource {
  /** The owner's API group and version, e.g. `apps/v1`. */
  readonly apiVersion: pulumi.Output<string>;
  /** The owner's kind, e.g. `Deployment`. */
  readonly kind: pulumi.Output<string>;
  /** The owner's live metadata: its name and uid are referenced. */
  readonly metadata: pulumi.Output<{ name?: string; uid?: string }>;
}

/** Options of {@link ownerReference}. */
export interface OwnerReferenceOptions {
  /**
   * Mark the owner as the Secret's managing controller (at most one owner may be).
   *
   * @default - false: the field is left out
   */
  controller?: pulumi.Input<boolean>;
  /**
   * With foreground deletion of the owner, keep it until the Secret is deleted (clusters that
   * enforce it require permission to delete the owner).
   *
   * @default - false: the field is left out
   */
  blockOwnerDeletion?: pulumi.Input<boolean>;
}

/**
 * An owner reference to `owner` for a component's `ownerReferences`: its apiVersion, kind,
 * name and uid, read from the live object. In a preview that creates or replaces the owner its
 * name and uid are unknown (its id is), rather than what a dry run made up; the Secret then waits
 * for the owner.
 *
 * @example
 * const config = new k8s.core.v1.ConfigMap("config", { metadata: { namespace } });
 * new kubesecret.Secret("creds", { namespace, stringData, ownerReferences: [ownerReference(config)] });
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/
 */
export function ownerReference(owner: OwnerResource, opts: OwnerReferenceOptions = {}): OwnerReferenceArgs {
  const live = pulumi.all([owner.id, owner.metadata]).apply(([, metadata]) => metadata);
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: live.apply((metadata) => metadata.name ?? ""),
    uid: live.apply((metadata) => metadata.uid ?? ""),
    ...(opts.controller === undefined ? {} : { controller: opts.controller }),
    ...(opts.blockOwnerDeletion === undefined ? {} : { blockOwnerDeletion: opts.blockOwnerDeletion }),
  };
}
