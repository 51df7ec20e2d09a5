/**
 * The rollout trigger: a revision that changes exactly when a Secret's type or data changes,
 * and that reveals nothing about the data to someone who can read the workloads but not the
 * Secret. An unkeyed hash would (try a guessed value, compare hashes), so the revision is an
 * HMAC under 256 random bits kept per Secret in Pulumi state, encrypted by the stack's secrets
 * provider, in a `pulumi:index:Stash` child: the engine hands back the first value on every later
 * run. (An annotation on the Secret would not do: pulumi-kubernetes keeps only a Secret's `data`
 * and `stringData` secret in state, so the key would be stored in clear.)
 *
 * The Stash is named after the component, not after the child Secret: renaming the component
 * with `aliases` carries it along (the engine aliases a child whose name starts with its
 * parent's name), and a new `generateName` (a new child name) keeps it, so the revision follows
 * the content alone.
 */
import { createHmac, randomBytes } from "node:crypto";

/** The pod-template annotation the rollout helper sets. */
export const ROLLOUT_ANNOTATION = "kubesecret/revision";

/** The name of the Stash holding a component's revision key. */
export function revisionKeyName(componentName: string): string {
  return `${componentName}-revision-key`;
}

/**
 * The names the key had before: earlier versions named it after the child Secret (the
 * `generateName` prefix, or the component name), so a stack made then keeps its key.
 */
export function revisionKeyAliases(
  componentName: string,
  childName: string,
  childAliases: readonly string[],
): string[] {
  const current = revisionKeyName(componentName);
  const earlier = [childName, ...childAliases].map(revisionKeyName);
  return [...new Set(earlier)].filter((name) => name !== current);
}

/** A key as read back from state, or undefined unless it is 32 bytes as base64url (see {@link newRevisionKey}). */
export function readRevisionKey(value: unknown): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** A fresh revision key: 32 random bytes, base64url. */
export function newRevisionKey(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The revision of a Secret's content: HMAC-SHA256 under `key` of the type and every data entry
 * (length-prefixed, keys sorted), as 32 hex digits.
 */
export function computeRevision(key: string, type: string, data: Readonly<Record<string, string>>): string {
  const hmac = createHmac("sha256", Buffer.from(key, "base64url"));
  const field = (text: string) => hmac.update(`${Buffer.byteLength(text)}:`).update(text);
  field("kubesecret-revision-v1");
  field(type);
  for (const dataKey of Object.keys(data).sort()) {
    field(dataKey);
    field(data[dataKey]!);
  }
  return hmac.digest("hex").slice(0, 32);
}
