/**
 * `ownerReferences`: the pure rules (property-tested against the API server's, as read in
 * apimachinery's ValidateOwnerReferences), every class passing them to its child Secret, every
 * class rejecting malformed ones before anything registers, and the `ownerReference` helper.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { UNKNOWN } from "../../src/known";
import { deliberateDifferenceOf } from "../../src/validation/differences";
import {
  OWNER_API_VERSION_RULE,
  OWNER_NAME_PATH_SEGMENT_RULE,
  OWNER_UID_TWICE_RULE,
  validateOwnerReferences,
  versionOf,
} from "../../src/validation/ownerReferences";
import { CANARY, classCases } from "./fixtures";
import { mockResource, registrations, resetRegistrations, unwrapWire } from "./mocks";
import { uniqueName, valueOf } from "./outputValues";
import { expectRejected } from "./rejected";
import { expectUnhandledRejections } from "../support/unhandledRejections";

beforeEach(resetRegistrations);

// The shared mocks (setup.ts) give only Secrets the metadata the API server assigns; owners need it too.
let owners = 0;
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      const answer = mockResource(args);
      if (!args.custom || !args.type.startsWith("kubernetes:") || args.type === "kubernetes:core/v1:Secret")
        return answer;
      owners += 1;
      const given = (args.inputs["metadata"] ?? {}) as Record<string, unknown>;
      const metadata = { ...given, name: given["name"] ?? `${args.name}-7f3e9a1c`, uid: `owner-uid-${owners}` };
      return { id: `${args.name}-id`, state: { ...answer.state, ...args.inputs, metadata } };
    },
    call: () => ({}),
  },
  "kubesecret-test",
  "unit",
  false,
);

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

function childMetadata(): Record<string, unknown> {
  const child = registrations.find((r) => r.type === "kubernetes:core/v1:Secret");
  return child!.inputs["metadata"] as Record<string, unknown>;
}

describe.each(classCases)("$className with ownerReferences", (c) => {
  it("passes them to the child Secret's metadata.ownerReferences, as plain metadata", async () => {
    const refs = [
      { ...OWNER, controller: true, blockOwnerDeletion: true },
      { ...OWNER, uid: "other", kind: "Job" },
    ];
    const resource = new c.Class(uniqueName("owned"), { ...c.args(), ownerReferences: refs } as never);
    await valueOf(resource.uid);
    expect(childMetadata()["ownerReferences"]).toEqual(refs);
  });

  it("sends no ownerReferences when none are given", async () => {
    await valueOf(new c.Class(uniqueName("unowned"), c.args() as never).uid);
    expect(childMetadata()).not.toHaveProperty("ownerReferences");
  });

  it.each([
    {
      what: "a reference has no uid",
      refs: [{ ...OWNER, uid: undefined }],
      message: /ownerReferences\[0\]\.uid: must be set/,
    },
    {
      what: "a name is empty",
      refs: [OWNER, { ...OWNER, uid: "2", name: "" }],
      message: /ownerReferences\[1\]\.name: must be set/,
    },
    {
      what: "the apiVersion has no version",
      refs: [{ ...OWNER, apiVersion: `${CANARY}/` }],
      message: /ownerReferences\[0\]\.apiVersion: must be a version/,
    },
    {
      what: "two references are controllers",
      refs: [
        { ...OWNER, controller: true },
        { ...OWNER, uid: "2", controller: true },
      ],
      message: /ownerReferences\[1\]\.controller: only one reference may have controller: true/,
    },
    {
      what: "two references share a uid",
      refs: [OWNER, { ...OWNER, kind: "Job" }],
      message: /ownerReferences\[1\]\.uid: must not be the uid/,
    },
    {
      what: "the owner is an Event",
      refs: [{ ...OWNER, kind: "Event" }],
      message: /ownerReferences\[0\]: an Event \(v1\) cannot own/,
    },
    {
      what: "the owner name holds a '/'",
      refs: [{ ...OWNER, name: `${CANARY}/x` }],
      message: /ownerReferences\[0\]\.name: must be a name an object can have/,
    },
    {
      what: "ownerReferences is not a list",
      refs: { ...OWNER },
      message: /args\.ownerReferences: must be a list, not an object/,
    },
    { what: "a reference is null", refs: [null], message: /ownerReferences\[0\]: must be an object, not null/ },
    {
      what: "controller is a string",
      refs: [{ ...OWNER, controller: "true" }],
      message: /ownerReferences\[0\]\.controller: must be a boolean, not a string/,
    },
    {
      what: "a uid is a number",
      refs: [{ ...OWNER, uid: 7 }],
      message: /ownerReferences\[0\]\.uid: must be a string, not a number/,
    },
  ])("fails when $what, naming the field, with no value and nothing registered", ({ refs, message }) => {
    expectRejected({ what: "", message, make: (n) => new c.Class(n, { ...c.args(), ownerReferences: refs } as never) });
  });
});

describe("an owner reference that is an Output", () => {
  it("is checked when it resolves, and the child is never registered", async () => {
    const name = uniqueName("owner-later");
    const rejections = await expectUnhandledRejections(
      async () =>
        void new kubesecret.Secret(name, {
          stringData: { k: CANARY },
          ownerReferences: [{ ...OWNER, uid: pulumi.output(""), controller: pulumi.output(true) }],
        }),
      new RegExp(
        `kubesecret:index:Secret "${name}" has invalid arguments; found once its Outputs resolved[^]*ownerReferences\\[0\\]\\.uid: must be set`,
      ),
    );
    for (const message of rejections) expect(message).not.toContain(CANARY);
    expect(registrations.filter((r) => r.type === "kubernetes:core/v1:Secret")).toEqual([]);
  });
});

describe("ownerReference(resource)", () => {
  it("reads apiVersion, kind, name and uid from a Kubernetes resource", async () => {
    const owner = new k8s.core.v1.ConfigMap(uniqueName("cm"), { metadata: { name: "owner", namespace: "apps" } });
    const ref = kubesecret.ownerReference(owner);
    const resolved = await valueOf(pulumi.output(ref));
    expect(resolved).toEqual({ apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: expect.any(String) });
    expect(resolved.uid).toBe(await valueOf(owner.metadata.uid));
    expect(resolved.uid.length).toBeGreaterThan(0);
  });

  it("adds controller and blockOwnerDeletion only when asked", async () => {
    const owner = new k8s.apps.v1.Deployment(uniqueName("app"), { spec: { selector: {}, template: {} } } as never);
    const ref = await valueOf(
      pulumi.output(kubesecret.ownerReference(owner, { controller: true, blockOwnerDeletion: false })),
    );
    expect(ref).toMatchObject({
      apiVersion: "apps/v1",
      kind: "Deployment",
      controller: true,
      blockOwnerDeletion: false,
    });
  });

  it("owns a component's Secret: the child's reference carries the owner's live uid", async () => {
    const owner = new k8s.core.v1.ConfigMap(uniqueName("cm"), { metadata: { name: "owner" } });
    const secret = new kubesecret.Secret(uniqueName("owned"), {
      stringData: { k: CANARY },
      ownerReferences: [kubesecret.ownerReference(owner, { controller: true })],
    });
    await valueOf(secret.uid);
    const [sent] = unwrapWire(childMetadata()["ownerReferences"]) as Record<string, unknown>[];
    expect(sent).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      name: "owner",
      uid: await valueOf(owner.metadata.uid),
      controller: true,
    });
  });
});
