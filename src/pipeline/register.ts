/**
 * The only part of the pipeline that registers resources: the child Secret (and, when asked for,
 * the key of the rollout revision), and the outputs read back from them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretOutputs } from "../outputs";
import type { EncodedData } from "./encode";
import type { KeyNames } from "./keys";
import { computeRevision, newRevisionKey, readRevisionKey, revisionKeyAliases, revisionKeyName } from "./revision";
import { beforeCreate, describeAdoption, hooksAvailable } from "./existing";
import type { SecretSpec } from "./spec";

/** The encoded data: plain when every argument was known, else resolved in one apply. */
export type Content = EncodedData | pulumi.Output<EncodedData>;

/** How to derive each output; each runs on first read (see {@link defineOutputs}). */
export type OutputMakers = { [K in keyof SecretOutputs]: () => SecretOutputs[K] };

/**
 * Registers the child Secret (and the revision key) under `component`, now, and returns how to
 * derive the component's outputs from them.
 */
export function registerSecret(
  component: pulumi.ComponentResource,
  spec: SecretSpec,
  content: Content,
  keys: KeyNames | "live",
  componentName: string,
): OutputMakers {
  const aliases = spec.childAliases.map((name) => ({ name }));
  const child = new k8s.core.v1.Secret(
    spec.childName,
    {
      metadata: {
        name: spec.name,
        namespace: spec.namespace,
        labels: spec.labels,
        annotations: spec.annotations,
        ownerReferences: spec.ownerReferences,
      },
      type: spec.type,
      immutable: spec.immutable,
      data: pulumi.secret(pulumi.Output.isInstance(content) ? content.apply((c) => c.data) : content.data),
    },
    {
      ...spec.childOptions,
      parent: component,
      ...(aliases.length > 0 ? { aliases } : {}),
      // A fixed name may be taken by a Secret this stack does not own (see existing.ts).
      ...(spec.name !== undefined && hooksAvailable()
        ? { hooks: { beforeCreate: [beforeCreate(component, spec.subject, spec.adopt)] } }
        : {}),
    },
  );
  warnOfFixedName(component, spec);
  if (spec.adopt) {
    const data = pulumi.output(content).apply((c) => c.data);
    const target = pulumi
      .all([spec.namespace, spec.name, data])
      .apply(([namespace, name, d]) => ({ namespace, name, data: d }));
    describeAdoption(component, spec.subject, target);
  }
  const revisionKey = spec.trackRevision ? revisionKeyOf(component, componentName, spec) : undefined;

  // What the API server assigns stays unknown in a preview that creates or replaces the Secret
  // (its id is unknown then), instead of what a dry run made up.
  let live: pulumi.Output<k8s.types.output.meta.v1.ObjectMeta> | undefined;
  const liveField = (field: "name" | "uid" | "resourceVersion" | "creationTimestamp") => {
    live ??= pulumi.all([child.id, child.metadata]).apply(([, metadata]) => metadata);
    return live.apply((metadata) => metadata[field]);
  };
  return {
    // A fixed name is known before anything exists (it is an input); a generated one only once
    // the Secret does. Both come from the child, so whatever uses the name depends on the Secret.
    name: () => (spec.name === undefined ? liveField("name") : child.metadata.name),
    namespace: () => child.metadata.namespace,
    uid: () => liveField("uid"),
    resourceVersion: () => liveField("resourceVersion"),
    creationTimestamp: () => liveField("creationTimestamp"),
    type: () => child.type,
    // Key names are visible metadata in Kubernetes; keeping them plain lets previews show them.
    // Keys the cluster fills in are unknown, like uid, in a preview that creates the Secret.
    keys: () =>
      keys === "live"
        ? pulumi.unsecret(pulumi.all([child.id, child.data]).apply(([, data]) => Object.keys(data ?? {}).sort()))
        : pulumi.output(keys),
    data: () => pulumi.secret(child.data),
    revision: () =>
      revisionKey === undefined ? pulumi.output(undefined) : revisionOf(revisionKey, child, spec.subject),
    secret: () => child,
  };
}

/**
 * Puts the outputs on the component as properties that are derived on first read and then kept.
 * Every Output costs the SDK promises, stack traces and memory, and a stack may hold thousands of
 * components whose `uid` nobody reads; Pulumi's multi-language construct reads them all, so
 * nothing is lost there.
 */
export function defineOutputs(component: pulumi.ComponentResource, makers: OutputMakers): void {
  for (const [field, make] of Object.entries(makers) as Array<[string, () => unknown]>) {
    let value: unknown;
    Object.defineProperty(component, field, {
      enumerable: true,
      configurable: true,
      get: () => (value ??= make()),
    });
  }
}

/**
 * In a preview, a warning for a fixed name under the default provider without
 * `enableSecretMutable`: a value change then deletes the Secret and creates it again, and the
 * engine deletes and re-creates whatever takes its name (see docs/behaviour.md, Updates). An explicit
 * provider's settings are not visible to the component, so none is assumed wrong.
 */
function warnOfFixedName(component: pulumi.ComponentResource, spec: SecretSpec): void {
  if (spec.name === undefined || !pulumi.runtime.isDryRun()) return;
  if (component.getProvider(SECRET_TYPE) !== undefined || defaultProviderUpdatesInPlace()) return;
  pulumi.log.warn(
    `${spec.subject} has a fixed name: a change of value deletes the Secret and creates it again under ` +
      "the same name (it is missing meanwhile), and every resource that takes its name is deleted and " +
      're-created with it. Use generateName, or set kubernetes:enableSecretMutable: "true" in stack config ' +
      "to update it in place.",
    component,
  );
}

const SECRET_TYPE = "kubernetes:core/v1:Secret";

/** Whether the default provider updates Secrets in place: stack config, else its environment variable. */
function defaultProviderUpdatesInPlace(): boolean {
  const configured = new pulumi.Config("kubernetes").get("enableSecretMutable");
  const setting = configured ?? process.env["PULUMI_K8S_ENABLE_SECRET_MUTABLE"];
  return setting === "true";
}

/** The revision's key: drawn each run, kept by the engine from the first (ignoreChanges). */
function revisionKeyOf(component: pulumi.ComponentResource, componentName: string, spec: SecretSpec): pulumi.Stash {
  const aliases = revisionKeyAliases(componentName, spec.childName, spec.childAliases).map((name) => ({ name }));
  return new pulumi.Stash(
    revisionKeyName(componentName),
    { input: pulumi.secret(newRevisionKey()) },
    { parent: component, ignoreChanges: ["input"], ...(aliases.length > 0 ? { aliases } : {}) },
  );
}

/**
 * The rollout revision (see revision.ts). Plain on purpose: it is made to be copied into
 * workloads that readers of the Secret's data are not, and without the key it tells nothing.
 */
function revisionOf(key: pulumi.Stash, child: k8s.core.v1.Secret, subject: string): pulumi.Output<string | undefined> {
  // Unknown in a preview that creates the key or creates or replaces the Secret (their ids are).
  const revision = pulumi
    .all([key.id, child.id, key.output, child.type, child.data, key.urn])
    .apply(([, , stored, type, data, keyUrn]) => {
      const keyValue = readRevisionKey(stored);
      if (keyValue === undefined) throw unreadableKey(subject, keyUrn);
      return computeRevision(keyValue, type, data ?? {});
    });
  return pulumi.unsecret(revision);
}

/**
 * A Stash whose state holds no key of the right form (edited or imported state): the revision
 * cannot be computed, and a key made up now would change it on every run.
 */
function unreadableKey(subject: string, keyUrn: string): pulumi.RunError {
  return new pulumi.RunError(
    `${subject}: the revision key in the stack's state is missing or unreadable, so its revision ` +
      `cannot be computed. Draw a new key with \`pulumi up --replace '${keyUrn}'\` (the revision ` +
      `changes once, so workloads using it roll once), or set trackRevision: false.`,
  );
}
