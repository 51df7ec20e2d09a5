/**
 * `ownerReferences` in the components: every class passing them to its child Secret, every class
 * rejecting malformed ones before anything registers, and the `ownerReference` helper. The pure
 * rules themselves: ownerReferenceRules.test.ts.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { CANARY, classCases } from "./fixtures";
import { mockResource, registrations, resetRegistrations, unwrapWire } from "./mocks";
import { uniqueName, valueOf } from "./outputValues";
import { expectRejected } from "./rejected";
import { expectUnhandledRejections } from "../support/unhandledRejections";

beforeEach(resetRegistrations);

const OWNER = { apiVersion: "v1", kind: "ConfigMap", name: "owner", uid: "8d4c7e2a-0000-4000-8000-000000000001" };

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
