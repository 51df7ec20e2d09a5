/**
 * The pure `ownerReferences` rules, property-tested against the API server's (as read in
 * apimachinery's ValidateOwnerReferences). What the classes do with them: ownerReferences.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../src/known";
import { deliberateDifferenceOf } from "../support/differences";
import {
  OWNER_API_VERSION_RULE,
  OWNER_NAME_PATH_SEGMENT_RULE,
  OWNER_UID_TWICE_RULE,
  validateOwnerReferences,
  versionOf,
} from "../../src/validation/ownerReferences";
import { CANARY } from "./fixtures";

const FIELD = "args.ownerReferences";
const OWNER = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: "8d4c7e2a-0000-4000-8000-000000000001" };
/** Every generated string carries the canary, so a problem that quoted one would show it. */
const marked = (arb: fc.Arbitrary<string>) => arb.map((s) => `${CANARY}${s}`);
const segment = fc.string({ unit: fc.constantFrom(..."abcXYZ019-._ :"), minLength: 1, maxLength: 12 });
const apiVersion = fc.oneof(
  marked(segment).filter((v) => !v.includes("/")),
  fc.tuple(marked(segment), segment).map(([g, v]) => `${g}/${v}`),
);
const validRef = fc.record(
  {
    apiVersion,
    kind: marked(segment),
    name: marked(segment),
    uid: marked(fc.uuid()),
    controller: fc.boolean(),
    blockOwnerDeletion: fc.boolean(),
  },
  { requiredKeys: ["apiVersion", "kind", "name", "uid"] },
);
/** Valid lists: distinct uids, at most one controller. */
const validRefs = fc
  .uniqueArray(validRef, { selector: (r) => r.uid, maxLength: 5 })
  .chain((refs) =>
    fc.integer({ min: -1, max: refs.length - 1 }).map((c) => refs.map((r, i) => ({ ...r, controller: i === c }))),
  );

const fieldsOf = (refs: unknown) => validateOwnerReferences(refs, FIELD).map((p) => p.field);

describe("the owner reference rules", () => {
  it("accept every list with all four fields, distinct uids and at most one controller", () => {
    fc.assert(fc.property(validRefs, (refs) => validateOwnerReferences(refs, FIELD).length === 0));
  });

  it("fail when a required field is missing or empty, naming exactly that field and no value", () => {
    const part = fc.constantFrom("apiVersion", "kind", "name", "uid");
    fc.assert(
      fc.property(
        validRefs.filter((r) => r.length > 0),
        fc.nat(),
        part,
        fc.boolean(),
        (refs, at, p, drop) => {
          const i = at % refs.length;
          const broken = refs.map((r, j) => (j !== i ? r : drop ? { ...r, [p]: undefined } : { ...r, [p]: "" }));
          const problems = validateOwnerReferences(broken, FIELD);
          expect(problems.map((x) => x.field)).toEqual([`${FIELD}[${i}].${p}`]);
          expect(JSON.stringify(problems)).not.toContain(CANARY);
        },
      ),
    );
  });

  it("read the version of an apiVersion as the API server parses it", () => {
    expect(["v1", "/v1", "apps/v1", " ", "a b"].map(versionOf)).toEqual(["v1", "v1", "v1", " ", "a b"]);
    expect(["", "/", "apps/", "a/b/c", "//"].map(versionOf)).toEqual(["", "", "", "", ""]);
  });

  it("fail when the apiVersion has no version part: empty, a trailing '/', or two slashes", () => {
    const bad = fc.oneof(
      fc.constantFrom("", "/", "//"),
      marked(segment).map((g) => `${g}/`),
      fc.tuple(marked(segment), segment, segment).map(([a, b, c]) => `${a}/${b}/${c}`),
    );
    fc.assert(
      fc.property(validRef, bad, (ref, v) => {
        const problems = validateOwnerReferences([{ ...ref, apiVersion: v }], FIELD);
        expect(problems).toEqual([{ field: `${FIELD}[0].apiVersion`, rule: OWNER_API_VERSION_RULE }]);
      }),
    );
  });

  it("fail when two references set controller: true, at the second and each later one", () => {
    fc.assert(
      fc.property(
        validRefs.filter((r) => r.length >= 2),
        fc.nat(),
        fc.nat(),
        (refs, a, b) => {
          const first = a % refs.length;
          const second = (first + 1 + (b % (refs.length - 1))) % refs.length;
          const two = refs.map((r, i) => ({ ...r, controller: i === first || i === second }));
          expect(fieldsOf(two)).toEqual([`${FIELD}[${Math.max(first, second)}].controller`]);
        },
      ),
    );
  });

  it("fail when two references share a uid, a rule the API server does not have (listed as deliberate)", () => {
    fc.assert(
      fc.property(
        validRefs.filter((r) => r.length >= 1),
        (refs) => {
          const problems = validateOwnerReferences([...refs, { ...refs[0]!, controller: false }], FIELD);
          expect(problems).toEqual([
            { field: `${FIELD}[${refs.length}].uid`, rule: `${OWNER_UID_TWICE_RULE} (${FIELD}[0])` },
          ]);
          expect(deliberateDifferenceOf(problems[0]!)?.id).toBe("owner-uid-twice");
        },
      ),
    );
  });

  it("report an exact copy of a reference once, as a uid listed twice: the API server drops it before its own rules", () => {
    const controller = { ...OWNER, controller: true };
    expect(fieldsOf([controller, { ...controller }])).toEqual([`${FIELD}[1].uid`]);
    expect(
      fieldsOf([
        { ...OWNER, kind: "" },
        { ...OWNER, kind: "" },
      ]),
    ).toEqual([`${FIELD}[0].kind`, `${FIELD}[1].uid`]);
    // Not a copy: a field left out differs from false, as it does for the API server.
    expect(fieldsOf([controller, { ...controller, blockOwnerDeletion: false }])).toEqual([
      `${FIELD}[1].controller`,
      `${FIELD}[1].uid`,
    ]);
  });

  it("fail when the owner is a v1 Event (also as /v1), but not an Event of another group", () => {
    const ref = { apiVersion: "v1", kind: "Event", name: "e", uid: "u" };
    expect(fieldsOf([ref])).toEqual([`${FIELD}[0]`]);
    expect(fieldsOf([{ ...ref, apiVersion: "/v1" }])).toEqual([`${FIELD}[0]`]);
    expect(fieldsOf([{ ...ref, apiVersion: "events.k8s.io/v1" }])).toEqual([]);
    expect(fieldsOf([{ ...ref, kind: "event" }])).toEqual([]);
  });

  it("fail when the owner's name is one no object can have (kubesecret's own rule)", () => {
    for (const name of [".", "..", "a/b", "50%"]) {
      const problems = validateOwnerReferences([{ apiVersion: "v1", kind: "ConfigMap", name, uid: "u" }], FIELD);
      expect(problems).toEqual([{ field: `${FIELD}[0].name`, rule: OWNER_NAME_PATH_SEGMENT_RULE }]);
      expect(deliberateDifferenceOf(problems[0]!)?.id).toBe("owner-name-path-segment");
    }
  });

  it("check what is known and leave unknown parts for later", () => {
    const later = { apiVersion: UNKNOWN, kind: UNKNOWN, name: UNKNOWN, uid: UNKNOWN, controller: UNKNOWN };
    expect(fieldsOf(UNKNOWN)).toEqual([]);
    expect(fieldsOf([UNKNOWN, later, { ...later, controller: true }, { ...later, controller: true }])).toEqual([
      `${FIELD}[3].controller`,
    ]);
    expect(fieldsOf([{ ...later, apiVersion: "apps/" }])).toEqual([`${FIELD}[0].apiVersion`]);
  });
});
