/**
 * A fixed name that is already taken. pulumi-kubernetes up to 4.28 creates with a server-side
 * apply that silently merges into an existing Secret when the shared keys agree (and the stack
 * then deletes that Secret on destroy); from 4.29 it fails. kubesecret never takes over a Secret
 * by accident with either: before the child is created, the program looks with its own client
 * (the provider's cluster, see writeOnly/settings.ts) and refuses a taken name, unless the object
 * was written by this same component in write-only mode (switching the mode back keeps it).
 */
import * as pulumi from "@pulumi/pulumi";
import { connect } from "../writeOnly/cluster";
import { ownerLabelValue } from "../writeOnly/fingerprints";
import { OWNER_LABEL, describeFailure, readObject } from "../writeOnly/kube";
import { settingsIfFollowable } from "../writeOnly/settings";

/** A before-create hook for the child of `component` that refuses a taken name. */
export function refuseTakenName(component: pulumi.ComponentResource, subject: string): pulumi.ResourceHookFunction {
  const settings = settingsIfFollowable(component);
  const owner = new Promise<string>((resolve) => component.urn.apply((urn) => resolve(urn)));
  return async (args) => {
    const metadata = (args.newInputs?.["metadata"] ?? {}) as { name?: unknown; namespace?: unknown };
    if (typeof metadata.name !== "string") return;
    const known = await settings;
    // A provider from another language, or one writing elsewhere: the provider's own create decides.
    if (known === undefined) return;
    const cluster = await connect(known);
    const namespace = typeof metadata.namespace === "string" ? metadata.namespace : cluster.defaultNamespace;
    let existing;
    try {
      existing = await readObject(cluster, { namespace, name: metadata.name });
    } catch (err) {
      throw new Error(`${subject}: could not check whether the name is free: ${describeFailure(err)}`);
    }
    if (existing === undefined) return;
    if (existing.metadata?.labels?.[OWNER_LABEL] === ownerLabelValue(await owner)) return;
    throw new Error(
      `${subject}: a Secret named "${metadata.name}" already exists in namespace "${namespace}" and was not ` +
        "created by this component; it was left untouched. Choose another name, delete or rename the existing " +
        "Secret, or set adopt: true to take it over.",
    );
  };
}
