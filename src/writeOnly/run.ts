/**
 * What the write-only Secrets of one program run share: one client per cluster, one fingerprint
 * key read per namespace, and one resource hook that writes every Secret (a hook per Secret would
 * cost a registration each and its name in every state entry). Scoped to the run's stack
 * resource, so that an Automation API process running several programs (or one program several
 * times) never reuses a client, key or hook of another run.
 */
import * as pulumi from "@pulumi/pulumi";
import { type Cluster, type ClusterSettings, connect } from "./cluster";
import { fingerprintKey } from "./kube";
import { refOf } from "./stored";
import { type Desired, createObject, updateObject } from "./writer";

/** What the program resolved for one Secret: its inputs, the object to write, the revision. */
export interface Resolved {
  readonly inputs: import("./stored").WriteOnlyInputs;
  readonly desired: Desired;
  readonly settings: ClusterSettings;
  readonly revision: string;
}

interface RunCache {
  readonly clusters: Map<string, Promise<Cluster>>;
  readonly keys: Map<string, Promise<Buffer | undefined>>;
  /** Child URN → what its hook writes. */
  readonly writes: Map<string, Resolved>;
  hook?: pulumi.ResourceHook;
  provider?: pulumi.ProviderResource;
}

const runCaches = new WeakMap<object, RunCache>();
const noStack = {};

function runCache(): RunCache {
  const run = pulumi.runtime.getStackResource() ?? noStack;
  let cache = runCaches.get(run);
  if (cache === undefined) {
    cache = { clusters: new Map(), keys: new Map(), writes: new Map() };
    runCaches.set(run, cache);
  }
  return cache;
}

/** Where the settings lead: with no kubeconfig setting, also the `KUBECONFIG` the client follows. */
function clusterCacheKey(settings: ClusterSettings): string {
  const ambient = settings.kubeconfig ? undefined : (process.env["KUBECONFIG"] ?? "");
  return JSON.stringify([settings.kubeconfig, settings.context, settings.namespace, ambient]);
}

function sharedOnce<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let made = map.get(key);
  if (made === undefined) {
    made = make();
    map.set(key, made);
  }
  return made;
}

/** The run's client for these settings. */
export function connectShared(settings: ClusterSettings): Promise<Cluster> {
  return sharedOnce(runCache().clusters, clusterCacheKey(settings), () => connect(settings));
}

/** The namespace's fingerprint key, read (and with `create`, made) once per run. */
export function fingerprintKeyShared(
  settings: ClusterSettings,
  cluster: Cluster,
  namespace: string,
  create: boolean,
): Promise<Buffer | undefined> {
  const key = JSON.stringify([clusterCacheKey(settings), namespace, create]);
  return sharedOnce(runCache().keys, key, () => fingerprintKey(cluster, namespace, create));
}

/** The URN a child of `parentUrn` gets (Pulumi's rule: the parent's type chain, `$`, its own type). */
export function childUrn(parentUrn: string, type: string, name: string): string {
  return `${parentUrn.slice(0, parentUrn.lastIndexOf("::"))}$${type}::${name}`;
}

/** Tells the run's hook what to write for the child with this URN. */
export function expectWrite(urn: string, resolved: Resolved): void {
  runCache().writes.set(urn, resolved);
}

/** The run's one before-create and before-update hook for write-only Secrets. */
export function sharedWriteHook(): pulumi.ResourceHook {
  const cache = runCache();
  cache.hook ??= new pulumi.ResourceHook("kubesecret-write-only", (args) => {
    const resolved = cache.writes.get(args.urn);
    if (resolved === undefined) throw new Error(`kubesecret: nothing to write for ${args.urn}`);
    return write(args, resolved);
  });
  return cache.hook;
}

/**
 * The run's own instance of the dynamic-provider plugin (`pulumi-nodejs`), for every write-only
 * resource. The engine configures the default instance with the stack's whole configuration and
 * stores it as that instance's inputs in state: a password set with `pulumi config set --secret`
 * would be in state after all. This instance is given nothing.
 */
export function sharedDynamicProvider(): pulumi.ProviderResource {
  const cache = runCache();
  cache.provider ??= new DynamicProvider("kubesecret");
  return cache.provider;
}

class DynamicProvider extends pulumi.ProviderResource {
  constructor(name: string) {
    super("pulumi-nodejs", name, {}, {});
  }
}

/** Writes the declared object before the engine asks the provider to create or update it. */
async function write(args: pulumi.ResourceHookArgs, resolved: Resolved): Promise<void> {
  const cluster = await connectShared(resolved.settings);
  const old = args.oldOutputs as Record<string, unknown> | undefined;
  if (old === undefined || args.id === "") return createObject(cluster, resolved.desired);
  const oldInputs = (args.oldInputs ?? {}) as Record<string, unknown>;
  if (old["kind"] === "Secret") {
    // Switching a kubernetes:core/v1:Secret to writeOnly: the same object, found by its metadata.
    const metadata = old["metadata"] as { name: string; namespace: string; uid?: string };
    const before = (oldInputs["metadata"] ?? {}) as {
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
    };
    return updateObject(cluster, resolved.desired, metadata, before);
  }
  const target = { ...refOf(String(args.id), old), uid: String(old["uid"] ?? "") };
  return updateObject(cluster, resolved.desired, target, {
    labels: oldInputs["labels"] as Record<string, string> | undefined,
    annotations: oldInputs["annotations"] as Record<string, string> | undefined,
  });
}
