/**
 * What a write-only resource stores in state: its inputs (fingerprints, never values) and the live
 * fields its provider reads back. Shared by the program side (register.ts), the provider
 * (provider.ts) and its diff (diff.ts).
 */
import type { ClusterSettings } from "./cluster";

/** What the resource stores as inputs (and again, with the live fields, as outputs). */
export interface WriteOnlyInputs {
  /** A digest of the component's URN (fingerprints.ts ownerOf): scopes the fingerprints, marks the objects it wrote. */
  readonly owner: string;
  readonly cluster?: ClusterSettings;
  readonly namespace: string;
  /** The fixed name, or the one derived from the owner (fingerprints.ts generatedName). */
  readonly name?: string;
  /** Written by earlier versions, which let the API server complete this prefix. */
  readonly generateName?: string;
  /** Absent for "Opaque", the type Kubernetes gives a Secret that names none. */
  readonly type?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly immutable?: boolean;
  readonly ownerReferences?: Record<string, unknown>[];
  readonly fingerprints: Record<string, string>;
}

/**
 * The live fields the component exposes. Stored only where they can differ from what the
 * component knows: `liveName` when the object's name is not the `name` input (a Secret with a
 * generated name switched to writeOnly keeps its name); `keys` for a type whose keys the cluster
 * fills in.
 */
export interface LiveFields {
  readonly liveName?: string;
  readonly uid: string;
  readonly resourceVersion: string;
  readonly creationTimestamp: string;
  readonly keys?: string[];
}

/** Properties as the engine passes them to the provider. */
export type Props = Record<string, unknown>;

/** Fields that are not inputs: the provider's own, and the live ones. */
const NOT_INPUTS = new Set(["__provider", "liveName", "uid", "resourceVersion", "creationTimestamp", "keys"]);

/** Inputs stored by the engine, without the provider's own field and the live fields. */
export function inputsOf(props: Props): WriteOnlyInputs {
  return Object.fromEntries(Object.entries(props).filter(([k]) => !NOT_INPUTS.has(k))) as unknown as WriteOnlyInputs;
}

/** The object an id names (`namespace/name`). */
export function refOf(id: string, olds: Props): { namespace: string; name: string } {
  const slash = id.indexOf("/");
  if (slash > 0) return { namespace: id.slice(0, slash), name: id.slice(slash + 1) };
  return { namespace: String(olds["namespace"] ?? "default"), name: id };
}
