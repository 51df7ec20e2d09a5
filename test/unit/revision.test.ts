import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { childAliases, childName } from "../../src/pipeline/naming";
import {
  computeRevision,
  newRevisionKey,
  readRevisionKey,
  revisionKeyAliases,
  revisionKeyName,
} from "../../src/pipeline/revision";
import { CANARY, classCases } from "./fixtures";
import { isWireSecret, mockResource, registrations, resetRegistrations, unwrapWire } from "./mocks";
import { isSecret, uniqueName, valueOf } from "./outputValues";
import { expectUnhandledRejections } from "../support/unhandledRejections";

const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString("base64url"));
const data = fc.dictionary(fc.stringMatching(/^[-._a-zA-Z0-9]{1,12}$/), fc.base64String({ maxLength: 40 }), {
  maxKeys: 5,
});

describe("computeRevision", () => {
  it("is 32 hex digits, the same for the same key, type and data whatever the key order", () => {
    fc.assert(
      fc.property(key, data, (k, d) => {
        const revision = computeRevision(k, "Opaque", d);
        expect(revision).toMatch(/^[0-9a-f]{32}$/);
        expect(computeRevision(k, "Opaque", Object.fromEntries(Object.entries(d).reverse()))).toBe(revision);
      }),
    );
  });

  it("changes with any value, any key, the type and the key", () => {
    fc.assert(
      fc.property(key, key, data, fc.stringMatching(/^[-._a-zA-Z0-9]{1,12}$/), (k1, k2, d, extra) => {
        fc.pre(k1 !== k2 && !(extra in d));
        const revision = computeRevision(k1, "Opaque", d);
        expect(computeRevision(k1, "Opaque", { ...d, [extra]: "" })).not.toBe(revision);
        expect(computeRevision(k1, "kubernetes.io/tls", d)).not.toBe(revision);
        expect(computeRevision(k2, "Opaque", d)).not.toBe(revision);
      }),
    );
  });

  it("keeps entries apart (no two data maps encode alike)", () => {
    const k = newRevisionKey();
    expect(computeRevision(k, "Opaque", { a: "bc" })).not.toBe(computeRevision(k, "Opaque", { ab: "c" }));
    expect(computeRevision(k, "Opaque", { a: "" })).not.toBe(computeRevision(k, "Opaque", {}));
  });

  it("is no unkeyed hash of the data", () => {
    const revision = computeRevision(newRevisionKey(), "Opaque", { password: "aHVudGVyMg==" });
    for (const text of ["aHVudGVyMg==", "hunter2", "passwordaHVudGVyMg==", "Opaquepassword:aHVudGVyMg=="]) {
      expect(createHash("sha256").update(text).digest("hex")).not.toContain(revision);
    }
  });

  it("draws a new 256-bit key each time", () => {
    const keys = new Set(Array.from({ length: 50 }, newRevisionKey));
    expect(keys.size).toBe(50);
    for (const k of keys) expect(Buffer.from(k, "base64url")).toHaveLength(32);
  });
});

describe.each(classCases)("trackRevision on a $className", (c) => {
  beforeEach(resetRegistrations);

  it("keeps a secret key in a Stash child and exposes a plain revision of the live data", async () => {
    const name = uniqueName("rev");
    const resource = new c.Class(name, { ...c.args(), trackRevision: true } as never);
    const revision = await valueOf(resource.revision);
    const stash = registrations.find((r) => r.type === "pulumi:index:Stash")!;
    expect(stash.name).toBe(`${name}-revision-key`);
    expect(isWireSecret(stash.inputs["input"])).toBe(true);
    const keyValue = unwrapWire(stash.inputs["input"]) as string;
    expect(revision).toBe(computeRevision(keyValue, c.type, await valueOf(resource.data)));
    expect(await isSecret(resource.revision)).toBe(false);
  });

  it("has no revision and no Stash without it", async () => {
    const resource = new c.Class(uniqueName("norev"), c.args() as never);
    expect(await valueOf(resource.revision)).toBeUndefined();
    expect(registrations.some((r) => r.type === "pulumi:index:Stash")).toBe(false);
  });
});

describe("trackRevision", () => {
  it("gives equal data in two Secrets unrelated revisions", async () => {
    const value = randomBytes(8).toString("hex");
    const [a, b] = ["a", "b"].map(
      (n) => new kubesecret.Secret(uniqueName(n), { stringData: { password: value }, trackRevision: true }),
    );
    expect(await valueOf(a!.revision)).not.toBe(await valueOf(b!.revision));
  });
});

/** The key's Stash name and aliases for a component, as the pipeline derives them. */
function keyNaming(component: string, generateName?: string) {
  const child = childName(component, generateName);
  return {
    name: revisionKeyName(component),
    aliases: revisionKeyAliases(component, child, childAliases(component, generateName)),
  };
}

describe("the revision key's Stash name", () => {
  it("starts with the component name, so the engine carries it along when the component is renamed with aliases", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/)), (c, g) => {
        expect(keyNaming(c, g ?? undefined).name.startsWith(c)).toBe(true);
      }),
    );
  });

  it("stays the same when generateName changes (the child Secret's name does)", () => {
    expect(childName("store", "db-")).not.toBe(childName("store", "cache-"));
    expect(keyNaming("store", "db-").name).toBe(keyNaming("store", "cache-").name);
    expect(keyNaming("store", "db-").name).toBe(keyNaming("store").name);
  });

  it("answers to the name earlier versions gave it (after the child Secret), and to nothing else", () => {
    expect(keyNaming("app")).toEqual({ name: "app-revision-key", aliases: [] });
    expect(keyNaming("store", "db-")).toEqual({ name: "store-revision-key", aliases: ["db-revision-key"] });
    // A child named after the component (it extends the prefix) used to be named after the prefix.
    expect(keyNaming("db-a", "db-")).toEqual({ name: "db-a-revision-key", aliases: ["db-revision-key"] });
    expect(keyNaming("DB-A", "db-")).toEqual({
      name: "DB-A-revision-key",
      aliases: ["db-a-revision-key", "db-revision-key"],
    });
  });

  it("is what the component registers, whatever generateName says", async () => {
    resetRegistrations();
    const name = uniqueName("store");
    const secret = new kubesecret.Secret(name, { generateName: "db-", stringData: { a: "1" }, trackRevision: true });
    await valueOf(secret.revision);
    expect(registrations.filter((r) => r.type === "pulumi:index:Stash").map((r) => r.name)).toEqual([
      `${name}-revision-key`,
    ]);
  });
});

describe("readRevisionKey", () => {
  it("reads back every key newRevisionKey draws", () => {
    for (let i = 0; i < 50; i++) {
      const k = newRevisionKey();
      expect(readRevisionKey(k)).toBe(k);
    }
  });

  it.each([undefined, null, "", "short", 42, {}, `${newRevisionKey()}A`, newRevisionKey().replace(/.$/, "=")])(
    "refuses %j",
    (stored) => {
      expect(readRevisionKey(stored)).toBeUndefined();
    },
  );
});

describe("a revision key whose state is damaged", () => {
  /** The Stash's stored key: absent (imported, edited state) or not a key. */
  let stored: unknown;
  beforeAll(() => {
    const newResource = (args: pulumi.runtime.MockResourceArgs) => {
      const result = mockResource(args);
      if (args.type !== "pulumi:index:Stash") return result;
      return { ...result, state: stored === undefined ? { input: args.inputs["input"] } : { output: stored } };
    };
    pulumi.runtime.setMocks({ newResource, call: () => ({}) }, "kubesecret-test", "unit", false);
  });
  afterAll(() => {
    pulumi.runtime.setMocks({ newResource: mockResource, call: () => ({}) }, "kubesecret-test", "unit", false);
  });

  it.each([
    ["no output", undefined],
    ["an output that is no key", "not-a-key"],
  ])("fails when the Stash has %s, naming the component and how to draw a new key, and no value", async (_, s) => {
    stored = s;
    const name = uniqueName("damaged");
    let error = new Error("the revision resolved");
    // Other readers of the revision fail too, as unhandled rejections: the test expects them.
    const rejections = await expectUnhandledRejections(async () => {
      const secret = new kubesecret.Secret(name, { stringData: { password: CANARY }, trackRevision: true });
      await valueOf(secret.revision).then(
        () => undefined,
        (err: Error) => (error = err),
      );
    }, `"${name}": the revision key in the stack's state is missing or unreadable`);
    for (const rejection of rejections) expect(rejection).not.toContain(CANARY);
    expect(error.message).toContain(`kubesecret:index:Secret "${name}": the revision key in the stack's state`);
    const keyUrn = `urn:pulumi:unit::kubesecret-test::kubesecret:index:Secret$pulumi:index:Stash::${name}-revision-key`;
    expect(error.message).toContain(`pulumi up --replace '${keyUrn}'`);
    expect(error.message).not.toContain(CANARY);
    expect(error.message).not.toContain("not-a-key");
  });
});
