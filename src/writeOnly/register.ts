/**
 * Registers a write-only Secret: one dynamic resource whose state holds fingerprints (never
 * values) and whose before-create and before-update hooks write the object from the program.
 * See design/write-only.md for why each part is where it is.
 */
import { randomBytes } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { describeAdoption } from "../pipeline/existing";
import type { Content, OutputMakers } from "../pipeline/register";
import type { KeyNames } from "../pipeline/keys";
import type { SecretSpec } from "../pipeline/spec";
import { SecretType } from "../validation/types";
import type { ClusterSettings } from "./cluster";
import { fingerprintData, generatedName, ownerOf, writeOnlyRevision } from "./fingerprints";
import { describeFailure, storedType, typeOf } from "./kube";
import type { LiveFields, WriteOnlyInputs } from "./stored";
import {
  type Resolved,
  childUrn,
  connectShared,
  expectWrite,
  fingerprintKeyShared,
  sharedDynamicProvider,
  sharedWriteHook,
} from "./run";
import { clusterSettingsOf } from "./settings";
import type { Desired } from "./writer";

/** The dynamic provider, by package name: state stores this line, not the provider's code. */
const PROVIDER_SOURCE = 'exports.handler=()=>require("kubesecret/write-only-provider")';
const WRITE_ONLY_TYPE = "pulumi-nodejs:dynamic/kubesecret:WriteOnlySecret";

class WriteOnlySecret extends pulumi.CustomResource {
  declare readonly namespace: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly liveName: pulumi.Output<string | undefined>;
  declare readonly uid: pulumi.Output<string>;
  declare readonly resourceVersion: pulumi.Output<string>;
  declare readonly creationTimestamp: pulumi.Output<string>;
  declare readonly keys: pulumi.Output<string[]>;

  constructor(name: string, inputs: pulumi.Inputs, opts: pulumi.CustomResourceOptions) {
    const live: Record<keyof LiveFields, undefined> = {
      liveName: undefined,
      uid: undefined,
      resourceVersion: undefined,
      creationTimestamp: undefined,
      keys: undefined,
    };
    super(WRITE_ONLY_TYPE, name, { ...inputs, ...live, __provider: PROVIDER_SOURCE }, opts);
  }
}

export function registerWriteOnly(
  component: pulumi.ComponentResource,
  spec: SecretSpec,
  content: Content,
  keys: KeyNames | "live",
): OutputMakers {
  const settings = clusterSettingsOf(component, spec.subject);
  const all = pulumi
    .all({
      encoded: pulumi.output(content),
      clusterSettings: settings,
      urn: component.urn,
      namespace: spec.namespace,
      name: spec.name,
      labels: spec.labels,
      annotations: spec.annotations,
      type: spec.type,
      immutable: spec.immutable,
      ownerReferences: spec.ownerReferences,
    })
    .apply(async (values) => {
      const { encoded, clusterSettings, urn, ...meta } = values as unknown as Gathered;
      const resolved = await resolve(spec, encoded.data, clusterSettings, { ...meta, owner: ownerOf(urn) });
      // The hook finds what to write by the child's URN (known before the child is registered).
      expectWrite(childUrn(urn, WRITE_ONLY_TYPE, spec.childName), resolved);
      return resolved;
    });
  if (spec.adopt) {
    describeAdoption(
      component,
      spec.subject,
      all.apply((r) => ({ namespace: r.desired.namespace, name: r.desired.name, data: r.desired.data })),
    );
  }
  const field = <K extends keyof WriteOnlyInputs>(key: K) => pulumi.unsecret(all.apply((r) => r.inputs[key]));
  const given = <K extends keyof WriteOnlyInputs>(key: K, argument: unknown) =>
    argument === undefined ? {} : { [key]: field(key) };
  const hook = sharedWriteHook();
  const child = new WriteOnlySecret(
    spec.childName,
    {
      owner: field("owner"),
      // Absent with the default provider's settings (nothing to store); secret otherwise.
      cluster: pulumi
        .unsecret(all)
        .apply((r) => (r.inputs.cluster === undefined ? undefined : pulumi.secret(r.inputs.cluster))),
      namespace: field("namespace"),
      name: field("name"),
      // Only what the arguments give: each property costs the SDK an Output (and its promises).
      ...(spec.type === SecretType.Opaque ? {} : { type: field("type") }),
      ...given("labels", spec.labels),
      ...given("annotations", spec.annotations),
      ...given("immutable", spec.immutable),
      ...given("ownerReferences", spec.ownerReferences),
      fingerprints: field("fingerprints"),
    },
    {
      ...spec.childOptions,
      parent: component,
      provider: sharedDynamicProvider(),
      hooks: { beforeCreate: [hook], beforeUpdate: [hook] },
      // A component switched to writeOnly keeps its Secret: the engine updates the old
      // kubernetes:core/v1:Secret child in place (design/write-only.md, "Switching").
      aliases: [{ type: "kubernetes:core/v1:Secret" }, ...spec.childAliases.map((name) => ({ name }))],
    },
  );
  return {
    name: () =>
      spec.name === undefined
        ? pulumi.all([child.name, child.liveName]).apply(([name, liveName]) => liveName ?? name)
        : pulumi.output(spec.name),
    namespace: () => child.namespace,
    uid: () => child.uid,
    resourceVersion: () => child.resourceVersion,
    creationTimestamp: () => child.creationTimestamp,
    // Known at preview, as the other inputs are ("Opaque" is not stored, so the child's output is not).
    type: () => pulumi.unsecret(pulumi.all([child.urn, all]).apply(([, r]) => typeOf(r.inputs))),
    keys: () => (keys === "live" ? child.keys : pulumi.output(keys)),
    data: () => pulumi.output(undefined) as unknown as pulumi.Output<{ [key: string]: string }>,
    // Unknown until the Secret exists; the fingerprint key may be a preview's stand-in before that.
    revision: () =>
      spec.trackRevision
        ? pulumi.unsecret(pulumi.all([child.id, all]).apply(([, r]) => r.revision))
        : pulumi.output(undefined),
    secret: () => undefined as never,
  };
}

/** The component's arguments and settings, resolved. */
interface Gathered extends Omit<Metadata, "owner"> {
  readonly urn: string;
  readonly encoded: { data: Record<string, string> };
  readonly clusterSettings: ClusterSettings;
}

interface Metadata {
  readonly owner: string;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly labels: Record<string, string> | undefined;
  readonly annotations: Record<string, string> | undefined;
  readonly type: string;
  readonly immutable: boolean | undefined;
  readonly ownerReferences: Record<string, unknown>[] | undefined;
}

async function resolve(
  spec: SecretSpec,
  data: Record<string, string>,
  settings: ClusterSettings,
  meta: Metadata,
): Promise<Resolved> {
  let cluster;
  try {
    cluster = await connectShared(settings);
  } catch (err) {
    throw new pulumi.ResourceError(
      `${spec.subject}: writeOnly cannot load the provider's kubeconfig: ${(err as Error).message}`,
      undefined,
      true,
    );
  }
  const namespace = meta.namespace ?? cluster.defaultNamespace;
  const dryRun = pulumi.runtime.isDryRun();
  let key: Buffer | undefined;
  try {
    key = await fingerprintKeyShared(settings, cluster, namespace, !dryRun);
  } catch (err) {
    throw new pulumi.ResourceError(
      `${spec.subject}: writeOnly could not ${dryRun ? "read" : "read or create"} the fingerprint key in namespace "${namespace}": ${describeFailure(err)}`,
      undefined,
      true,
    );
  }
  if (key === undefined && !dryRun) {
    throw new pulumi.ResourceError(
      `${spec.subject}: the fingerprint key Secret in namespace "${namespace}" is malformed; delete it and run \`pulumi up\` again (every write-only Secret there is then written once more).`,
      undefined,
      true,
    );
  }
  // A preview before the namespace's first write-only Secret: a stand-in key (every key shows as new).
  const fingerprintSecret = key ?? randomBytes(32);
  const name = meta.name ?? generatedName(fingerprintSecret, meta.owner, spec.childName);
  const inputs: WriteOnlyInputs = {
    owner: meta.owner,
    ...(Object.keys(settings).length > 0 ? { cluster: settings } : {}),
    namespace,
    name,
    ...storedType(meta.type),
    ...(meta.labels !== undefined ? { labels: meta.labels } : {}),
    ...(meta.annotations !== undefined ? { annotations: meta.annotations } : {}),
    ...(meta.immutable !== undefined ? { immutable: meta.immutable } : {}),
    ...(meta.ownerReferences !== undefined ? { ownerReferences: meta.ownerReferences } : {}),
    fingerprints: fingerprintData(fingerprintSecret, meta.owner, data),
  };
  const desired: Desired = {
    subject: spec.subject,
    owner: meta.owner,
    namespace,
    name,
    type: meta.type,
    labels: meta.labels ?? {},
    annotations: meta.annotations ?? {},
    ...(meta.immutable !== undefined ? { immutable: meta.immutable } : {}),
    data,
    adopt: spec.adopt,
    ...(meta.ownerReferences !== undefined ? { ownerReferences: meta.ownerReferences } : {}),
  };
  return { inputs, desired, settings, revision: writeOnlyRevision(fingerprintSecret, meta.owner, meta.type, data) };
}
