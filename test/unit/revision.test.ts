import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { computeRevision, newRevisionKey } from "../../src/pipeline/revision";
import { classCases } from "./fixtures";
import { isWireSecret, registrations, resetRegistrations, unwrapWire } from "./mocks";
import { isSecret, uniqueName, valueOf } from "./outputs";

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
