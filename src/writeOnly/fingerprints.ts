/**
 * What a write-only Secret keeps in Pulumi state instead of its values: per key, an HMAC of the
 * value under a key that lives in the cluster (see fingerprintKey.ts), never in state. Someone who
 * reads the state but not the cluster key can confirm no guess; the engine's ordinary diff of the
 * fingerprints names the keys that change. Each fingerprint is scoped by the resource's URN and
 * the key name, so equal values in two keys or two Secrets do not show as equal.
 */
import { createHash, createHmac } from "node:crypto";
import { computeRevision } from "../pipeline/revision";

/**
 * Key name → fingerprint (96 bits, base64url: 16 characters). It only has to tell a changed value
 * from the same one: a change goes unseen with probability 2^-96.
 */
export type Fingerprints = Record<string, string>;

function keyedDigest(key: Buffer, fields: readonly string[]): Buffer {
  const hmac = createHmac("sha256", key);
  // Length-prefixed, so no two field lists hash alike.
  for (const field of fields) hmac.update(`${Buffer.byteLength(field)}:`).update(field);
  return hmac.digest();
}

/** The fingerprint of each data entry (base64 values, as stored). */
export function fingerprintData(key: Buffer, owner: string, data: Readonly<Record<string, string>>): Fingerprints {
  // fromEntries defines each key as an own property: an assignment would drop a key named __proto__.
  return Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((name) => [
        name,
        keyedDigest(key, ["kubesecret-fingerprint-v1", owner, name, data[name]!]).subarray(0, 12).toString("base64url"),
      ]),
  );
}

/**
 * The rollout revision in write-only mode: today's revision (revision.ts) under a key derived
 * from the cluster key and the owner, so it too needs nothing from state.
 */
export function writeOnlyRevision(key: Buffer, owner: string, type: string, data: Readonly<Record<string, string>>) {
  const revisionKey = keyedDigest(key, ["kubesecret-revision-key-v1", owner]).toString("base64url");
  return computeRevision(revisionKey, type, data);
}

/**
 * What stands for a component in state, in fingerprints and in the owner label of the objects it
 * writes: a digest of its URN (not secret; 96 bits, shorter than the URN, and a valid label value).
 */
export function ownerOf(urn: string): string {
  return createHash("sha256").update(`kubesecret-owner-v1:${urn}`).digest("hex").slice(0, 24);
}

/**
 * The name of a write-only Secret without a fixed one: its child name (the `generateName` prefix
 * or the component name), `-` and 8 hex digits, as pulumi-kubernetes names the default mode's
 * Secrets. The digits are keyed by the cluster key from the owner, so the name is the same on
 * every run (the program and the provider both know it before anything is written) and differs
 * between stacks; it reveals nothing about the values.
 */
export function generatedName(key: Buffer, owner: string, childName: string): string {
  return `${childName}-${keyedDigest(key, ["kubesecret-name-v1", owner]).toString("hex").slice(0, 8)}`;
}
