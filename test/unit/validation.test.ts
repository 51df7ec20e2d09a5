import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateDataKey, validateTotalSize } from "../../src/validation/data";
import {
  validateAnnotations,
  validateGenerateName,
  validateLabels,
  validateNamespace,
  validateObjectName,
} from "../../src/validation/metadata";
import { validateSecretType } from "../../src/validation/types";

const lower = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789");
const dnsLabel = fc
  .tuple(lower, fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-"), maxLength: 20 }), lower)
  .map(([a, mid, b]) => `${a}${mid}${b}`);
const subdomain = fc.array(dnsLabel, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("."));

describe("object names", () => {
  it("accepts generated DNS-1123 subdomains", () => {
    fc.assert(fc.property(subdomain, (name) => validateObjectName(name, "args.name").length === 0));
  });

  it("rejects names with a character outside the charset", () => {
    const bad = fc.constantFrom(..."ABCXYZ_/:@ !ü");
    fc.assert(
      fc.property(subdomain, bad, fc.nat(), (name, ch, at) => {
        const i = at % (name.length + 1);
        return validateObjectName(name.slice(0, i) + ch + name.slice(i), "args.name").length > 0;
      }),
    );
  });

  it("rejects names starting or ending with '-' or '.', empty names and names over 253", () => {
    fc.assert(
      fc.property(subdomain, fc.constantFrom("-", "."), (name, edge) => {
        return validateObjectName(edge + name, "f").length > 0 && validateObjectName(name + edge, "f").length > 0;
      }),
    );
    expect(validateObjectName("", "f")).toHaveLength(1);
    expect(validateObjectName("a".repeat(253), "f")).toHaveLength(0);
    expect(validateObjectName("a".repeat(254), "f")[0]!.rule).toContain("at most 253");
  });
});

describe("generateName", () => {
  it("accepts subdomain prefixes with or without a trailing '-'", () => {
    fc.assert(
      fc.property(
        subdomain,
        fc.boolean(),
        (name, dash) => validateGenerateName(dash ? `${name}-` : name, "f").length === 0,
      ),
    );
  });

  it("fails when the prefix starts badly, holds bad characters or leaves no room for the suffix", () => {
    expect(validateGenerateName("-app", "f")).toHaveLength(1);
    expect(validateGenerateName("App-", "f")).toHaveLength(1);
    expect(validateGenerateName("app.", "f")).toHaveLength(1);
    expect(validateGenerateName("a".repeat(245), "f")[0]!.rule).toContain("at most 244");
    expect(validateGenerateName("a".repeat(244), "f")).toHaveLength(0);
  });
});

describe("namespaces", () => {
  it("accepts DNS-1123 labels up to 63 and rejects dots, uppercase and length", () => {
    fc.assert(
      fc.property(
        dnsLabel.filter((l) => l.length <= 63),
        (ns) => validateNamespace(ns, "f").length === 0,
      ),
    );
    expect(validateNamespace("a.b", "f")).toHaveLength(1);
    expect(validateNamespace("Apps", "f")).toHaveLength(1);
    expect(validateNamespace("a".repeat(64), "f")).toHaveLength(1);
    expect(validateNamespace("", "f")).toHaveLength(1);
  });
});

describe("data keys", () => {
  const keyChar = fc.constantFrom(..."abcXYZ019-_.");
  it("accepts keys of letters, digits, '-', '_' and '.' that are not dot-only", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: keyChar, minLength: 1, maxLength: 253 }).filter((k) => !k.startsWith("..") && k !== "."),
        (key) => validateDataKey(key, "f").length === 0,
      ),
    );
  });

  it("rejects keys with any other character", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: keyChar, maxLength: 20 }),
        fc.constantFrom("/", " ", ":", "ü", "\n", "*"),
        (key, bad) => validateDataKey(key + bad, "f").length > 0,
      ),
    );
  });

  it.each([".", "..", "..x", "", "a".repeat(254)])("rejects the key %j", (key) => {
    expect(validateDataKey(key, "f")).toHaveLength(1);
  });

  it("limits all values together to 1 MiB", () => {
    expect(validateTotalSize(1024 * 1024, "f")).toHaveLength(0);
    expect(validateTotalSize(1024 * 1024 + 1, "f")).toHaveLength(1);
  });
});

describe("labels and annotations", () => {
  it("accepts qualified keys with optional DNS prefix and valid values", () => {
    expect(validateLabels({ "app.kubernetes.io/name": "web", tier: "", "a_b.c-d": "x.Y_z-1" }, "f")).toEqual([]);
  });

  it("rejects generated label values that start or end with a symbol", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("-", "_", "."),
        dnsLabel,
        (sym, v) => validateLabels({ k: sym + v }, "f").length === 1,
      ),
    );
  });

  it.each([
    [{ "": "v" }],
    [{ "bad key": "v" }],
    [{ "Example.com/x": "v" }],
    [{ ["a".repeat(64)]: "v" }],
    [{ "/x": "v" }],
    [{ "x/": "v" }],
    [{ k: "a".repeat(64) }],
    [{ k: "sp ace" }],
  ])("fails when labels are %j", (labels) => {
    expect(validateLabels(labels, "args.labels").length).toBeGreaterThan(0);
  });

  it("limits annotations to 256 KiB of keys and values, less the provider's 24 bytes", () => {
    expect(validateAnnotations({ k: "v".repeat(256 * 1024 - 25) }, "f")).toEqual([]);
    expect(validateAnnotations({ k: "v".repeat(256 * 1024 - 24) }, "f")).toHaveLength(1);
    expect(validateAnnotations({ k: "v".repeat(256 * 1024) }, "f")).toHaveLength(1);
  });
});

describe("secret types", () => {
  it.each([
    ["opaque", "Opaque"],
    ["OPAQUE", "Opaque"],
    ["kubernetes.io/.dockerconfigjson", "kubernetes.io/dockerconfigjson"],
    ["kubernetes.io/docker-config-json", "kubernetes.io/dockerconfigjson"],
    ["Kubernetes.io/TLS", "kubernetes.io/tls"],
    ["kubernetes.io/basicauth", "kubernetes.io/basic-auth"],
  ])("fails when the type is the misspelling %j, naming %j", (type, intended) => {
    const [problem] = validateSecretType(type, "args.type");
    expect(problem!.rule).toContain(`did you mean "${intended}"`);
  });

  it("accepts built-in and custom types", () => {
    for (const type of [
      "Opaque",
      "kubernetes.io/tls",
      "cfe/secure-opaque",
      "helm.sh/release.v1",
      "example.com/thing",
    ]) {
      expect(validateSecretType(type, "f")).toEqual([]);
    }
    expect(validateSecretType("", "f")).toHaveLength(1);
  });
});
