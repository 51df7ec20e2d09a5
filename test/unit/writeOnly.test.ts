/**
 * `writeOnly`: what is refused at preview (nothing registered, no value in the message), and the
 * pure parts of the mode as properties: the keyed fingerprints and revision (fingerprints.ts)
 * and the dynamic provider's `diff` (provider.ts), which decides update or replacement.
 */
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fingerprintData, ownerOf, writeOnlyRevision } from "../../src/writeOnly/fingerprints";
import { diff } from "../../src/writeOnly/provider";
import { classCases } from "./fixtures";
import { resetRegistrations } from "./mocks";
import { expectRejected } from "./rejected";

const RUNS = 100;

describe.each(classCases)("$className with writeOnly", (c) => {
  let savedConfig: Record<string, string>;
  beforeEach(() => {
    resetRegistrations();
    savedConfig = pulumi.runtime.allConfig();
  });
  afterEach(() => {
    pulumi.runtime.setAllConfig(savedConfig);
    vi.restoreAllMocks();
  });

  it("fails when writeOnly is an Output", () => {
    expectRejected({
      what: "writeOnly is an Output",
      make: (n) => new c.Class(n, { ...c.args(), writeOnly: pulumi.output(true) } as never),
      message: /args\.writeOnly: must be a plain boolean \(it decides which resources are registered\), not an Output/,
    });
  });

  it("fails when writeOnly is a string (as an untyped language may send it)", () => {
    expectRejected({
      what: "writeOnly is a string",
      make: (n) => new c.Class(n, { ...c.args(), writeOnly: "true" } as never),
      message: /args\.writeOnly: must be a boolean/,
    });
  });

  it("fails when the stack sets pulumi:autonaming and no name is given", () => {
    pulumi.runtime.setConfig("pulumi:autonaming", JSON.stringify({ mode: "verbatim" }));
    expectRejected({
      what: "writeOnly under an autonaming setting",
      make: (n) => new c.Class(n, { ...c.args(), writeOnly: true } as never),
      message:
        /args\.writeOnly: cannot honour the stack setting pulumi:autonaming: .*set args\.name or remove the setting/,
    });
  });

  it("fails when the program's directory cannot load the write-only provider (YAML, Python, Go)", () => {
    vi.spyOn(pulumi.runtime, "getRootDirectory").mockReturnValue("/");
    expectRejected({
      what: "writeOnly without the provider module",
      make: (n) => new c.Class(n, { ...c.args(), name: "fixed", writeOnly: true } as never),
      message: /args\.writeOnly: needs the kubesecret npm package installed in the program's directory/,
    });
  });
});

// ---------------------------------------------------------------- fingerprints.ts

const keyName = fc.stringMatching(/^[-._a-zA-Z0-9]{1,20}$/);
const base64Value = fc.uint8Array({ maxLength: 40 }).map((b) => Buffer.from(b).toString("base64"));
const data = fc.dictionary(keyName, base64Value, { minKeys: 1, maxKeys: 5 });
const clusterKey = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b));
const owner = fc.string({ minLength: 1, maxLength: 60 }).map((s) => `urn:pulumi:dev::p::kubesecret:index:Secret::${s}`);
const secretType = fc.constantFrom("Opaque", "kubernetes.io/tls", "kubernetes.io/basic-auth", "cfe/secure-opaque");

/** The entries of `a` and `b` that agree, by key. */
const agreeing = (a: Record<string, string>, b: Record<string, string>) => Object.keys(a).filter((k) => a[k] === b[k]);

describe("fingerprints", () => {
  it("are one 96-bit fingerprint per key (16 base64url characters), determined by key, owner, name and value", () => {
    fc.assert(
      fc.property(clusterKey, owner, data, (key, who, d) => {
        const prints = fingerprintData(key, who, d);
        expect(Object.keys(prints).sort()).toEqual(Object.keys(d).sort());
        for (const print of Object.values(prints)) expect(print).toMatch(/^[A-Za-z0-9_-]{16}$/);
        expect(fingerprintData(Buffer.from(key), who, { ...d })).toEqual(prints);
      }),
      { numRuns: RUNS },
    );
  });

  it("of equal data under two cluster keys, or for two owners, are unrelated", () => {
    fc.assert(
      fc.property(clusterKey, clusterKey, owner, owner, data, (k1, k2, o1, o2, d) => {
        fc.pre(!k1.equals(k2) && o1 !== o2);
        const base = fingerprintData(k1, o1, d);
        expect(agreeing(base, fingerprintData(k2, o1, d))).toEqual([]);
        expect(agreeing(base, fingerprintData(k1, o2, d))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("of equal values under two key names differ", () => {
    fc.assert(
      fc.property(clusterKey, owner, keyName, keyName, base64Value, (key, who, a, b, value) => {
        fc.pre(a !== b);
        const prints = fingerprintData(key, who, { [a]: value, [b]: value });
        expect(prints[a]).not.toBe(prints[b]);
      }),
      { numRuns: RUNS },
    );
  });

  it("change for exactly the key whose value changes", () => {
    fc.assert(
      fc.property(clusterKey, owner, data, fc.nat(), base64Value, (key, who, d, pick, value) => {
        const names = Object.keys(d);
        const changed = names[pick % names.length]!;
        fc.pre(d[changed] !== value);
        const before = fingerprintData(key, who, d);
        const after = fingerprintData(key, who, { ...d, [changed]: value });
        expect(names.filter((k) => before[k] !== after[k])).toEqual([changed]);
      }),
      { numRuns: RUNS },
    );
  });

  it("hold no value and no unkeyed digest of one", () => {
    const value = Buffer.from("kubesecret-fingerprint-canary").toString("base64");
    const prints = JSON.stringify(fingerprintData(randomBytes(32), "urn:x", { k: value }));
    expect(prints).not.toContain(value);
    // Without the key the same data gives other fingerprints: nothing to compare a guess with.
    expect(fingerprintData(randomBytes(32), "urn:x", { k: value })).not.toEqual(JSON.parse(prints));
  });
});

describe("the write-only revision", () => {
  it("changes exactly when the type or the data change", () => {
    fc.assert(
      fc.property(clusterKey, owner, secretType, secretType, data, data, (key, who, t1, t2, d1, d2) => {
        const same = t1 === t2 && isDeepStrictEqual(d1, d2);
        const r1 = writeOnlyRevision(key, who, t1, d1);
        expect(r1 === writeOnlyRevision(key, who, t2, d2)).toBe(same);
        expect(writeOnlyRevision(Buffer.from(key), who, t1, { ...d1 })).toBe(r1);
      }),
      { numRuns: RUNS },
    );
  });

  it("of equal content under two cluster keys or owners differs", () => {
    fc.assert(
      fc.property(clusterKey, clusterKey, owner, owner, secretType, data, (k1, k2, o1, o2, t, d) => {
        fc.pre(!k1.equals(k2) && o1 !== o2);
        const r = writeOnlyRevision(k1, o1, t, d);
        expect(writeOnlyRevision(k2, o1, t, d)).not.toBe(r);
        expect(writeOnlyRevision(k1, o2, t, d)).not.toBe(r);
      }),
      { numRuns: RUNS },
    );
  });

  it("owners are a 24-hex-digit digest of the URN (a valid label value), one per URN", () => {
    fc.assert(
      fc.property(owner, owner, (o1, o2) => {
        expect(ownerOf(o1)).toMatch(/^[0-9a-f]{24}$/);
        expect(ownerOf(o1) === ownerOf(o2)).toBe(o1 === o2);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- provider.ts diff

const REPLACING = ["namespace", "name", "generateName", "type"] as const;
const stringMap = fc.dictionary(keyName, fc.string({ maxLength: 8 }), { maxKeys: 2, noNullPrototype: true });
const hex = fc.stringMatching(/^[A-Za-z0-9_-]{16}$/);

/** Inputs as the engine stores them (fields may be absent), with the live fields of outputs. */
const inputs = fc.record(
  {
    owner: fc.constantFrom("urn:a", "urn:b"),
    cluster: fc.constantFrom({ context: "a" }, { context: "b" }),
    namespace: fc.constantFrom("default", "apps"),
    name: fc.constantFrom("db", "cache"),
    generateName: fc.constantFrom("db-", "cache-"),
    type: fc.constantFrom("Opaque", "kubernetes.io/tls"),
    labels: stringMap,
    annotations: stringMap,
    immutable: fc.boolean(),
    fingerprints: fc.dictionary(fc.constantFrom("a", "b", "c"), hex, { maxKeys: 3, noNullPrototype: true }),
  },
  // type may be absent: "Opaque" is not stored (earlier versions stored it).
  { requiredKeys: ["owner", "namespace", "fingerprints"] },
);
const liveFields = fc.record({
  liveName: fc.constantFrom("db", "db-x1y2z"),
  uid: fc.uuid(),
  resourceVersion: fc.nat().map(String),
  keys: fc.constant(["a"]),
  __provider: fc.constant('exports.handler = () => require("kubesecret/write-only-provider");'),
});

/** Whether a field differs between two stored records (absent and undefined are alike; an absent type is Opaque). */
const differs = (a: Record<string, unknown>, b: Record<string, unknown>, field: string) => {
  const value = (r: Record<string, unknown>) => (field === "type" ? (r[field] ?? "Opaque") : (r[field] ?? null));
  return !isDeepStrictEqual(value(a), value(b));
};

const FIELDS = [...REPLACING, "owner", "cluster", "labels", "annotations", "immutable", "fingerprints"];

/** Stored inputs, and the same with the fields in `changed` taken from `other` (often only one or two differ). */
const beforeAndAfter = fc
  .tuple(inputs, inputs, fc.subarray(FIELDS, { maxLength: 3 }))
  .map(([before, other, changed]) => {
    const pick = (f: string) =>
      changed.includes(f) ? (other as Record<string, unknown>)[f] : (before as Record<string, unknown>)[f];
    const after = Object.fromEntries(FIELDS.map((f) => [f, pick(f)]).filter(([, v]) => v !== undefined));
    return [before as Record<string, unknown>, after] as const;
  });

describe("the write-only provider's diff", () => {
  it("replaces exactly when namespace, name, generateName or type change, or the data of an immutable Secret", async () => {
    await fc.assert(
      fc.asyncProperty(beforeAndAfter, liveFields, liveFields, async ([before, after], live1, live2) => {
        const olds = Object.freeze({ ...before, ...live1 });
        const news = Object.freeze({ ...after, ...live2 });
        const result = await diff("ns/db", olds, news);
        const fields = Object.keys({ ...before, ...after }).filter((f) => differs(before, after, f));
        const dataOfImmutable =
          before.immutable === true && (differs(before, after, "fingerprints") || differs(before, after, "immutable"));
        const replaced = REPLACING.some((f) => fields.includes(f)) || dataOfImmutable;
        expect(result.changes).toBe(fields.length > 0);
        expect(result.replaces !== undefined && result.replaces.length > 0).toBe(replaced);
        if (replaced) expect(result.deleteBeforeReplace).toBe(true);
        for (const f of REPLACING) expect(result.replaces?.includes(f) ?? false).toBe(fields.includes(f));
        // Pure: the same answer again.
        expect(await diff("ns/db", olds, news)).toEqual(result);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it("reports no change when only live fields differ", async () => {
    await fc.assert(
      fc.asyncProperty(inputs, liveFields, liveFields, async (stored, live1, live2) => {
        expect(await diff("ns/db", { ...stored, ...live1 }, { ...stored, ...live2 })).toEqual({ changes: false });
      }),
      { numRuns: RUNS },
    );
  });

  it("never replaces the olds of a kubernetes:core/v1:Secret (the object is switched in place)", async () => {
    const kubernetesSecret = fc.record({
      apiVersion: fc.constant("v1"),
      kind: fc.constant("Secret"),
      metadata: fc.record({ name: fc.constantFrom("db", "other"), namespace: fc.constantFrom("default", "x") }),
      type: fc.constantFrom("Opaque", "kubernetes.io/tls", "kubernetes.io/service-account-token"),
      immutable: fc.boolean(),
      data: fc.dictionary(keyName, base64Value, { maxKeys: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(kubernetesSecret, inputs, async (olds, news) => {
        expect(await diff("x/db", olds, news)).toEqual({ changes: true });
      }),
      { numRuns: RUNS },
    );
  });
});
