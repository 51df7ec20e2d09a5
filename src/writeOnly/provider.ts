/**
 * The dynamic provider of write-only Secrets (`pulumi-nodejs:dynamic/kubesecret:WriteOnlySecret`).
 * It never writes data: the program's resource hooks do (writer.ts), so values never reach the
 * engine. This module runs in the provider process, without the program, on every operation:
 * it reads the object back after the hooks wrote it, recomputes fingerprints on refresh (drift),
 * and deletes on destroy. State holds `require("kubesecret/write-only-provider")`, not this code,
 * so the installed package's version runs.
 */
import type { V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { type Cluster, connect } from "./cluster";
import { destroyObject } from "./destroy";
import { fingerprintData } from "./fingerprints";
import { OWNER_LABEL, clusterFilledKeys, describeFailure, fingerprintKey, readObject } from "./kube";
import { type LiveFields, type Props, type WriteOnlyInputs, inputsOf, refOf } from "./stored";

type Outputs = WriteOnlyInputs & LiveFields;

function liveFields(secret: V1Secret, inputs: WriteOnlyInputs): LiveFields {
  const name = secret.metadata?.name ?? "";
  return {
    ...(name !== inputs.name ? { liveName: name } : {}),
    uid: secret.metadata?.uid ?? "",
    resourceVersion: secret.metadata?.resourceVersion ?? "",
    creationTimestamp: toTimestamp(secret.metadata?.creationTimestamp),
    ...(clusterFilledKeys(inputs.type).length > 0 ? { keys: Object.keys(secret.data ?? {}).sort() } : {}),
  };
}

function toTimestamp(value: unknown): string {
  return value instanceof Date ? value.toISOString().replace(/\.\d{3}Z$/, "Z") : String(value ?? "");
}

const idOf = (secret: V1Secret) => `${secret.metadata?.namespace}/${secret.metadata?.name}`;

/**
 * One client per cluster settings for the provider process's life (one engine operation): each
 * call would otherwise load the kubeconfig and build a client for every Secret.
 */
const clients = new Map<string, Promise<Cluster>>();

function clusterOf(inputs: WriteOnlyInputs): Promise<Cluster> {
  const settings = inputs.cluster ?? {};
  const key = JSON.stringify([settings, settings.kubeconfig ? undefined : process.env["KUBECONFIG"]]);
  let client = clients.get(key);
  if (client === undefined) {
    client = connect(settings);
    // A failed load is not kept: the next call tries again.
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}

/** Fails naming the object and what failed; `secrets`: values a server message may quote, redacted. */
function fail(
  action: string,
  inputs: { namespace?: string; name?: string },
  err: unknown,
  secrets: readonly string[] = [],
): never {
  const where = `${inputs.namespace ?? "?"}/${inputs.name ?? "?"}`;
  throw new Error(`kubesecret write-only Secret ${where}: ${action} failed: ${describeFailure(err, secrets)}`);
}

/** After the before-create hook wrote the object: read it back by name and report it. */
export async function create(props: Props): Promise<{ id: string; outs: Outputs }> {
  const inputs = inputsOf(props);
  let secret: V1Secret | undefined;
  try {
    secret = await readObject(await clusterOf(inputs), { namespace: inputs.namespace, name: inputs.name ?? "" });
  } catch (err) {
    fail("reading the created Secret back", inputs, err);
  }
  if (secret === undefined || secret.metadata?.labels?.[OWNER_LABEL] !== inputs.owner) {
    throw new Error(`kubesecret write-only Secret in ${inputs.namespace}: the Secret written before create is missing`);
  }
  secret = await filledIn(await clusterOf(inputs), secret, inputs);
  return { id: idOf(secret), outs: { ...inputs, ...liveFields(secret, inputs) } };
}

/** After the before-update hook wrote the object: report it as it is now. */
export async function update(id: string, olds: Props, news: Props): Promise<{ outs: Outputs }> {
  const inputs = inputsOf(news);
  const ref = refOf(id, olds);
  let secret: V1Secret | undefined;
  try {
    secret = await readObject(await clusterOf(inputs), ref);
  } catch (err) {
    fail("reading the updated Secret back", { ...inputs, name: ref.name }, err);
  }
  if (secret === undefined)
    throw new Error(`kubesecret write-only Secret ${id}: the Secret is missing after its update`);
  secret = await filledIn(await clusterOf(inputs), secret, inputs);
  return { outs: { ...inputs, ...liveFields(secret, inputs) } };
}

/** How long create and update wait for the keys the cluster fills in (pulumi-kubernetes waits too). */
export const FILL_TIMEOUT_MS = 5 * 60_000;

/**
 * The object once the cluster filled in its keys (the token controller, for a service-account
 * token), so that `keys` lists them as in the default mode; fails after {@link FILL_TIMEOUT_MS}.
 */
async function filledIn(cluster: Cluster, secret: V1Secret, inputs: WriteOnlyInputs): Promise<V1Secret> {
  const expected = clusterFilledKeys(inputs.type);
  const ref = { namespace: secret.metadata!.namespace!, name: secret.metadata!.name! };
  const deadline = Date.now() + FILL_TIMEOUT_MS;
  let current: V1Secret | undefined = secret;
  while (current !== undefined && !expected.every((k) => current!.data?.[k] !== undefined)) {
    if (Date.now() > deadline) {
      throw new Error(
        `kubesecret write-only Secret ${idOf(secret)}: the cluster did not fill in ${expected.join(", ")} within ${FILL_TIMEOUT_MS / 1000} s (is its token controller running?)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      current = await readObject(cluster, ref);
    } catch (err) {
      fail("waiting for the cluster to fill in the Secret", { ...inputs, name: ref.name }, err);
    }
  }
  if (current === undefined) throw new Error(`kubesecret write-only Secret ${idOf(secret)}: the Secret disappeared`);
  return current;
}

/**
 * Refresh: the live object, with its data's fingerprints recomputed, as outputs and as inputs, so
 * that a hand edit shows as a change of those keys and the next `up` writes the declared data
 * back. A deleted object (or one that another object replaced under the name) is gone.
 */
export async function read(
  id: string,
  props: Props,
): Promise<{ id?: string; props?: Outputs; inputs?: WriteOnlyInputs }> {
  const stored = props as unknown as Outputs;
  const inputs = inputsOf(props);
  try {
    const cluster = await clusterOf(inputs);
    const secret = await readObject(cluster, refOf(id, props));
    if (secret === undefined || (stored.uid && secret.metadata?.uid !== stored.uid)) return {};
    const key = await fingerprintKey(cluster, inputs.namespace, false);
    const data = declaredData(secret, inputs);
    const live = key === undefined ? stale(data) : fingerprintData(key, inputs.owner, data);
    const refreshed = withoutUndefined({
      ...inputs,
      fingerprints: live,
      immutable: secret.immutable ?? inputs.immutable,
    });
    return { id, props: { ...refreshed, ...liveFields(secret, inputs) }, inputs: refreshed };
  } catch (err) {
    fail("reading the Secret", { ...inputs, ...refOf(id, props) }, err);
  }
}

/** The engine's wire format has no `undefined`. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The live data but the keys the cluster fills in (unless the program declares them): those are not drift. */
function declaredData(secret: V1Secret, inputs: WriteOnlyInputs): Record<string, string> {
  const filled = clusterFilledKeys(inputs.type).filter((k) => !(k in (inputs.fingerprints ?? {})));
  return Object.fromEntries(Object.entries(secret.data ?? {}).filter(([k]) => !filled.includes(k)));
}

/** Without the cluster key no fingerprint can be checked: mark every key changed, so `up` rewrites it. */
function stale(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(data).map((k) => [k, "unverifiable"]));
}

/** Destroy (see destroy.ts): the object this resource wrote, in the cluster it was written to. */
export async function remove(id: string, props: Props): Promise<void> {
  const inputs = inputsOf(props);
  const ref = refOf(id, props);
  let cluster: Cluster;
  try {
    cluster = await clusterOf(inputs);
  } catch (err) {
    fail("deleting the Secret", { ...inputs, ...ref }, err);
  }
  await destroyObject(cluster, ref, (props as unknown as Outputs).uid);
}
export { remove as delete };

export { diff } from "./diff";
