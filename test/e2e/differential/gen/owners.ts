/**
 * Owner reference lists: zero to three references, each field usually well-formed and sometimes
 * missing, empty or malformed in the ways the API server parses (`apps/`, `/v1`, `a/b/c`, a `v1`
 * Event), with controllers and shared uids around the "at most one" and "no duplicate" rules.
 * Owners are namespaced or cluster-scoped kinds; the server checks neither, nor whether they exist.
 */
import fc from "fast-check";
import type { OwnerRef } from "../case";
import { dnsName, edited, lengthNear } from "./strings";

/** A field, left out (weight 1), or drawn from `arb` (the rest). */
const sometimesMissing = <T>(arb: fc.Arbitrary<T>, missing = 1, present = 30) =>
  fc.oneof({ weight: missing, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: arb });

const apiVersion = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom("v1", "apps/v1", "batch/v1", "rbac.authorization.k8s.io/v1", "example.com/v1alpha1"),
  },
  { weight: 2, arbitrary: fc.constantFrom("", "/", "apps/", "/v1", "a/b/c", "//", "v1/", " ", "V1", "core/v1") },
  { weight: 1, arbitrary: edited(fc.constantFrom("apps/v1", "v1")) },
);

const kind = fc.oneof(
  // Namespaced and cluster-scoped owners look alike to the API server.
  { weight: 12, arbitrary: fc.constantFrom("ConfigMap", "Deployment", "Job", "Namespace", "ClusterRole", "Node") },
  { weight: 1, arbitrary: fc.constantFrom("", "Event", "event", "Event ", "a/b", "%") },
);

const name = fc.oneof(
  { weight: 12, arbitrary: dnsName(lengthNear(1, 63, 253)) },
  { weight: 1, arbitrary: edited(dnsName(lengthNear(1, 20))) },
  { weight: 1, arbitrary: fc.constantFrom("", ".", "..", "...", "a/b", "50%", " ", "a b", "..a") },
);

const uid = fc.oneof(
  { weight: 24, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom("", "1", "not-a-uuid", " ") },
);

const flag = fc.constantFrom(undefined, undefined, false, true);

/** Every field is drawn; an undefined one is left out of the JSON sent. */
const reference = fc.record({
  apiVersion: sometimesMissing(apiVersion),
  kind: sometimesMissing(kind),
  name: sometimesMissing(name),
  uid: sometimesMissing(uid),
  controller: fc.constantFrom(undefined, undefined, undefined, undefined, false, true),
  blockOwnerDeletion: flag,
});

/** One reference, or two or three; each may take an earlier one's uid (one in ten), whole or not. */
export const ownerReferences: fc.Arbitrary<OwnerRef[]> = fc
  .tuple(fc.array(fc.tuple(reference, fc.nat({ max: 9 }), fc.boolean()), { minLength: 1, maxLength: 3 }))
  .map(([refs]) =>
    refs.map(([ref, copy, whole], i, all) => {
      if (i === 0 || copy !== 0) return ref;
      const earlier = all[i - 1]![0];
      return whole ? { ...earlier } : { ...ref, uid: earlier.uid };
    }),
  );
