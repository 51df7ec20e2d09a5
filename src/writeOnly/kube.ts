/**
 * The few API calls a write-only Secret needs, with errors that say what failed and never carry a
 * request body: an API error is reduced to its status code, reason and the server's message, with
 * any value the caller knows removed from it.
 */
import { randomBytes } from "node:crypto";
import type { V1ManagedFieldsEntry, V1Secret } from "@kubernetes/client-node" with { "resolution-mode": "import" };
import { SecretType } from "../validation/types";
import type { Cluster } from "./cluster";

/** Where an object is. */
export interface ObjectRef {
  readonly namespace: string;
  readonly name: string;
}

/** The label marking the objects a write-only resource wrote (value: fingerprints.ts ownerOf of its component's URN). */
export const OWNER_LABEL = "kubesecret.dev/owner";

/** A write-only Secret's stored type: absent for Opaque, the type Kubernetes gives a Secret that names none. */
export const typeOf = (stored: { type?: string | undefined }): string => stored.type ?? SecretType.Opaque;
/** What a write-only resource stores for `type` (see typeOf). */
export const storedType = (type: string): { type?: string } => (type === SecretType.Opaque ? {} : { type });

/** The type whose data the cluster's token controller fills in. */
export const SERVICE_ACCOUNT_TOKEN_TYPE = "kubernetes.io/service-account-token";
/** The keys the token controller writes into a service-account-token Secret. */
export const CLUSTER_FILLED_KEYS: readonly string[] = ["ca.crt", "namespace", "token"];

/** Keys the cluster fills in for a Secret of `type` (none for every other type). */
export function clusterFilledKeys(type: string | undefined): readonly string[] {
  return type === SERVICE_ACCOUNT_TOKEN_TYPE ? CLUSTER_FILLED_KEYS : [];
}

/**
 * Whether pulumi-kubernetes applies the object now (a managedFields entry of its server-side
 * apply field manager): a `kubernetes:core/v1:Secret` took it over, as when `writeOnly` is turned off.
 */
export function appliedByKubernetesProvider(secret: V1Secret): boolean {
  return (secret.metadata?.managedFields ?? []).some(isKubernetesProviderEntry);
}

function isKubernetesProviderEntry(entry: { manager?: string; operation?: string }): boolean {
  return entry.operation === "Apply" && (entry.manager ?? "").startsWith("pulumi-kubernetes");
}

/**
 * The managedFields to send with a write that takes the object from pulumi-kubernetes (turning
 * `writeOnly` on): its apply entries removed, so that a later destroy deletes the object instead
 * of handing it back (see provider.ts). Undefined (keep them) when it has none; `[{}]` strips all.
 */
export function withoutKubernetesProvider(secret: V1Secret): V1ManagedFieldsEntry[] | undefined {
  const entries = secret.metadata?.managedFields ?? [];
  if (!entries.some(isKubernetesProviderEntry)) return undefined;
  const kept = entries.filter((entry) => !isKubernetesProviderEntry(entry));
  return kept.length > 0 ? kept : [{}];
}

/** The Secret holding each namespace's fingerprint key (see fingerprints.ts); never in Pulumi state. */
export const FINGERPRINT_KEY_SECRET = "kubesecret-fingerprint-key";
const FINGERPRINT_KEY_FIELD = "key";

/** The HTTP status of a failed API call, if it got that far. */
export function statusOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === "number" ? code : undefined;
}

/**
 * A value-free description of a failed call: `403 Forbidden: <server message>` or the
 * connection error's code. `secrets` are removed from the server's message (an admission
 * webhook may quote anything).
 */
export function describeFailure(err: unknown, secrets: readonly string[] = []): string {
  const status = statusOf(err);
  if (status === undefined) {
    const code =
      (err as { code?: unknown; cause?: { code?: unknown } } | undefined)?.cause?.code ??
      (err as { code?: unknown })?.code;
    if (typeof code !== "string") return "the API server could not be reached";
    // Connection errors (ECONNREFUSED, ETIMEDOUT...) are system error codes; anything else
    // (a TLS or kubeconfig problem, such as ERR_OSSL_PEM_NO_START_LINE) failed before connecting.
    return /^E[A-Z]+$/.test(code)
      ? `the API server could not be reached (${code})`
      : `the request to the API server could not be made (${code}); check the kubeconfig's certificates and credentials`;
  }
  let reason = "";
  let message = "";
  try {
    const body = (err as { body?: unknown }).body;
    const parsed = (typeof body === "string" ? JSON.parse(body) : body) as { reason?: unknown; message?: unknown };
    if (typeof parsed?.reason === "string") reason = parsed.reason;
    if (typeof parsed?.message === "string") message = parsed.message;
  } catch {
    // Not a Status object: the code says enough.
  }
  for (const secret of secrets) if (secret.length >= 3) message = message.split(secret).join("[redacted]");
  return [`${status}${reason ? ` ${reason}` : ""}`, message].filter(Boolean).join(": ");
}

/** A data map's values in every form a server message could quote them (for describeFailure). */
export function valueForms(data: Readonly<Record<string, string>> | undefined): string[] {
  return Object.values(data ?? {}).flatMap((b64) => [b64, Buffer.from(b64, "base64").toString("utf8")]);
}

/** The Secret, or undefined when there is none. */
export async function readObject(cluster: Cluster, ref: ObjectRef): Promise<V1Secret | undefined> {
  try {
    return await cluster.core.readNamespacedSecret(ref);
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

/**
 * The namespace's fingerprint key, or undefined when it has none yet. With `create`, a missing
 * key is made: 32 random bytes (two writers racing both end up reading the one that won).
 */
export async function fingerprintKey(
  cluster: Cluster,
  namespace: string,
  create: boolean,
): Promise<Buffer | undefined> {
  const ref = { namespace, name: FINGERPRINT_KEY_SECRET };
  const existing = await readObject(cluster, ref);
  if (existing !== undefined) return keyOf(existing);
  if (!create) return undefined;
  try {
    const body: V1Secret = {
      metadata: { ...ref, labels: { "app.kubernetes.io/managed-by": "kubesecret" } },
      type: "Opaque",
      data: { [FINGERPRINT_KEY_FIELD]: randomBytes(32).toString("base64") },
    };
    return keyOf(await cluster.core.createNamespacedSecret({ namespace, body, fieldManager: "kubesecret" }));
  } catch (err) {
    if (statusOf(err) !== 409) throw err;
    const raced = await readObject(cluster, ref);
    return raced === undefined ? undefined : keyOf(raced);
  }
}

/** A key of the wrong form counts as none (every fingerprint then differs, and the next up rewrites). */
function keyOf(secret: V1Secret): Buffer | undefined {
  const encoded = secret.data?.[FINGERPRINT_KEY_FIELD];
  const key = encoded === undefined ? undefined : Buffer.from(encoded, "base64");
  return key !== undefined && key.length >= 32 ? key : undefined;
}
