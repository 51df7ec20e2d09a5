/**
 * What the differential test (test/e2e/differential) found where kubesecret and kube-apiserver
 * 1.36 disagreed, fixed in src/validation, one describe per finding; and the deliberate
 * differences table it allows.
 */
import { generateKeyPairSync, createPrivateKey } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { DataEntry } from "../../src/validation/data";
import { DELIBERATE_DIFFERENCES, deliberateDifferenceOf } from "../support/differences";
import { parseJsonLikeGo } from "../../src/validation/json";
import { STRING, STRING_MAP, validateShape } from "../../src/validation/shapes";
import {
  ANNOTATIONS_ROOM_RULE,
  AUTONAMED_ANNOTATION,
  GENERATE_NAME_ROOM_RULE,
  MAX_ANNOTATIONS_BYTES,
  validateAnnotations,
  validateAutoname,
  validateGenerateName,
  validateLabels,
} from "../../src/validation/metadata";
import { TLS_RULES, validateTypedContent } from "../../src/validation/typedContent";
import { SecretType } from "../../src/validation/types";
import { type TlsMaterial, makeTlsMaterial } from "../e2e/differential/tlsMaterial";

const entries = (values: Record<string, string>) =>
  new Map(
    Object.entries(values).map(([key, value]): [string, DataEntry] => [
      key,
      { key, field: "args.stringData", value, encoding: "utf8" },
    ]),
  );

describe("annotation keys are checked case-insensitively, as the API server lowercases them first", () => {
  it.each(["Example.com/name", "EXAMPLE.COM/Name", "App.Kubernetes.io/Part-Of", "UPPER"])("accepts %j", (key) => {
    expect(validateAnnotations({ [key]: "v" }, "args.annotations")).toEqual([]);
  });

  it.each([
    ["the Kelvin sign", "\u212Aey"],
    ["the dotted capital I", "\u0130d"],
    ["the Kelvin sign in the prefix", "\u212A8s.io/name"],
  ])("accepts a key with %s, which Go lowercases to ASCII", (_what, key) => {
    expect(validateAnnotations({ [key]: "v" }, "args.annotations")).toEqual([]);
  });

  it.each(["é", "\u212B", "a\u0131", "Ａ"])("fails when an annotation key holds %j", (key) => {
    expect(validateAnnotations({ [key]: "v" }, "args.annotations")[0]).toMatchObject({ key });
  });

  it("fails when a label key has an upper-case prefix: labels are case-sensitive", () => {
    expect(validateLabels({ "Example.com/name": "v" }, "args.labels")).toHaveLength(1);
  });

  it("accepts every valid qualified key upper-cased, as an annotation key", () => {
    const key = fc.stringMatching(/^[a-z0-9]{1,10}(\.[a-z0-9]{1,10}){0,2}\/[a-z0-9]([-_.a-z0-9]{0,10}[a-z0-9])?$/);
    fc.assert(fc.property(key, (k) => validateAnnotations({ [k.toUpperCase()]: "v" }, "f").length === 0));
  });
});

describe("annotations leave room for the annotation the provider adds when it names the Secret", () => {
  const room = Buffer.byteLength(AUTONAMED_ANNOTATION.key) + Buffer.byteLength(AUTONAMED_ANNOTATION.value);
  const sized = (total: number) => ({ k: "v".repeat(total - 1) });

  it("accepts keys and values up to 256 KiB less the provider's 24 bytes", () => {
    expect(room).toBe(24);
    expect(validateAnnotations(sized(MAX_ANNOTATIONS_BYTES - room), "f")).toEqual([]);
  });

  it("fails when annotations fit only without the provider's annotation", () => {
    for (const total of [MAX_ANNOTATIONS_BYTES - room + 1, MAX_ANNOTATIONS_BYTES]) {
      const [problem, ...rest] = validateAnnotations(sized(total), "args.annotations");
      expect(rest).toEqual([]);
      expect(problem!.rule.startsWith(ANNOTATIONS_ROOM_RULE)).toBe(true);
    }
  });

  it("fails when keys and values exceed 256 KiB, counting UTF-8 bytes", () => {
    expect(validateAnnotations(sized(MAX_ANNOTATIONS_BYTES + 1), "f")[0]!.rule).toContain("at most 262144 bytes");
    expect(validateAnnotations({ k: "é".repeat(MAX_ANNOTATIONS_BYTES / 2) }, "f")[0]!.rule).toContain("got 262145");
  });

  it("counts a caller's own pulumi.com/autonamed as the provider's value, once", () => {
    const own = { [AUTONAMED_ANNOTATION.key]: "false", k: "v".repeat(MAX_ANNOTATIONS_BYTES - room - 2) };
    expect(validateAnnotations(own, "f")).toEqual([]);
  });
});

describe("generateName leaves room for the provider's 9 characters, after its trailing '-'", () => {
  it("accepts a 244-character stem, with or without a trailing '-'", () => {
    expect(validateGenerateName("a".repeat(244), "f")).toEqual([]);
    expect(validateGenerateName(`${"a".repeat(244)}-`, "f")).toEqual([]);
  });

  it("fails when the stem is longer than 244 characters", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 260 }), fc.boolean(), (length, dash) => {
        const problems = validateGenerateName("a".repeat(length) + (dash ? "-" : ""), "f");
        return problems.length > 0 === length > 244;
      }),
    );
    expect(validateGenerateName("a".repeat(245), "f")[0]!.rule.startsWith(GENERATE_NAME_ROOM_RULE)).toBe(true);
  });
});

describe("the name the provider generates, <resource name>-<8 hex>", () => {
  it.each(["db", "a-", "app.example", "a".repeat(244)])("accepts the resource name %j", (name) => {
    expect(validateAutoname(name, "args.name")).toEqual([]);
  });

  it.each(["MyApp", "db_password", "a.", "-a", "", "a b", "a".repeat(245)])(
    "fails when the resource name is %j",
    (name) => {
      expect(validateAutoname(name, "args.name")).toHaveLength(1);
    },
  );
});

describe("registry configurations are read as Go's encoding/json reads them", () => {
  const nested = (depth: number) => `{"auths":{},"x":${"[".repeat(depth)}${"]".repeat(depth)}}`;
  const check = (json: string) =>
    validateTypedContent(SecretType.DockerConfigJson, entries({ ".dockerconfigjson": json }), {});

  it("accepts nesting up to 10,000 levels and fails when deeper", () => {
    expect(check(nested(9999))).toEqual([]);
    expect(check(nested(10000))[0]!.rule).toContain("10000 levels");
  });

  it.each(["1e309", "-1e309", "1.7976931348623159e308", `1${"0".repeat(400)}`])("fails when a number is %s", (n) => {
    expect(check(`{"auths":{},"n":${n}}`)[0]!.rule).toContain("too large");
  });

  it.each(["1e308", "1e-400", "1.7976931348623157e308", '"1e999"', "true", "false", "null"])(
    "accepts the value %s",
    (v) => {
      expect(check(`{"auths":{},"v":${v}}`)).toEqual([]);
    },
  );

  it("reads any JSON document as JSON.parse does when its numbers fit", () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        const parsed = parseJsonLikeGo(json);
        return parsed.ok && JSON.stringify(parsed.value) === JSON.stringify(JSON.parse(json));
      }),
    );
  });
});

describe("TLS pairs are checked as Go's crypto/tls loads them", () => {
  let pairs: Record<string, TlsMaterial>;
  beforeAll(() => {
    pairs = Object.fromEntries(
      makeTlsMaterial(["ec-p256", "ec-p384", "rsa-2048", "ed25519"]).map((m) => [m.algorithm, m]),
    );
  });
  const check = (cert: string, key: string) =>
    validateTypedContent(SecretType.Tls, entries({ "tls.crt": cert, "tls.key": key }), {});

  it.each(["ec-p256", "ec-p384", "rsa-2048", "ed25519"])("accepts a matching %s pair", (algorithm) => {
    expect(check(pairs[algorithm]!.cert, pairs[algorithm]!.key)).toEqual([]);
  });

  it.each([
    ["Ed448", () => generateKeyPairSync("ed448").privateKey],
    ["secp256k1", () => generateKeyPairSync("ec", { namedCurve: "secp256k1" }).privateKey],
    ["RSA-PSS", () => generateKeyPairSync("rsa-pss", { modulusLength: 2048 }).privateKey],
  ])("fails when tls.key is an %s key, which Go's crypto/tls cannot load", (_what, make) => {
    const key = make().export({ type: "pkcs8", format: "pem" }).toString();
    expect(check(pairs["ec-p256"]!.cert, key)).toEqual([
      { field: "args.stringData", key: "tls.key", rule: TLS_RULES.keyType },
    ]);
  });

  it("fails when the key's private part does not belong to the public part it carries", () => {
    // The certificate's public point with another key's scalar: OpenSSL's match check compares
    // the carried public point and passes; Go derives the public key from the scalar and fails.
    const own = createPrivateKey(pairs["ec-p256"]!.key).export({ format: "jwk" });
    const other = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "jwk" });
    const damaged = createPrivateKey({ key: { ...own, d: other.d }, format: "jwk" });
    const key = damaged.export({ type: "sec1", format: "pem" }).toString();
    expect(check(pairs["ec-p256"]!.cert, key)).toEqual([
      { field: "args.stringData", key: "tls.key", rule: TLS_RULES.mismatch },
    ]);
  });

  it("accepts a key whose private part belongs to the certificate though the public part it carries does not", () => {
    // Go ignores the carried public point; OpenSSL's match check alone would reject this pair.
    const own = createPrivateKey(pairs["ec-p256"]!.key).export({ format: "jwk" });
    const other = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey.export({ format: "jwk" });
    const carried = createPrivateKey({ key: { ...own, x: other.x, y: other.y }, format: "jwk" });
    expect(check(pairs["ec-p256"]!.cert, carried.export({ type: "sec1", format: "pem" }).toString())).toEqual([]);
  });
});

describe("the deliberate differences", () => {
  it("have unique ids, a rule and a reason each", () => {
    expect(new Set(DELIBERATE_DIFFERENCES.map((d) => d.id)).size).toBe(DELIBERATE_DIFFERENCES.length);
    for (const d of DELIBERATE_DIFFERENCES) expect(d.rule.length * d.reason.length).toBeGreaterThan(0);
  });

  it("cover the problems of the stricter rules and nothing the API server also rejects", () => {
    const covered = (problems: { field: string; key?: string; rule: string }[]) =>
      problems.map((p) => deliberateDifferenceOf(p)?.id);
    expect(covered(validateGenerateName("a".repeat(245), "args.generateName"))).toEqual(["generate-name-room"]);
    expect(covered(validateAnnotations({ k: "v".repeat(MAX_ANNOTATIONS_BYTES - 1) }, "args.annotations"))).toEqual([
      "annotations-room",
    ]);
    expect(covered(validateAnnotations({ k: "v".repeat(MAX_ANNOTATIONS_BYTES) }, "args.annotations"))).toEqual([
      undefined,
    ]);
    expect(covered(validateLabels({ "a b": "v" }, "args.labels"))).toEqual([undefined]);
    // A lone surrogate, wherever it is reported (found by the differential test: the client
    // replaces it with U+FFFD, so the server accepts what the program never wrote).
    const lone = "a\ud800";
    expect(covered(validateShape(lone, STRING, "args.name"))).toEqual(["lone-surrogate"]);
    expect(covered(validateShape({ k: lone }, STRING_MAP, "args.annotations"))).toEqual(["lone-surrogate"]);
    expect(covered(validateShape({ [lone]: "v" }, STRING_MAP, "args.labels"))).toEqual(["lone-surrogate"]);
  });
});
