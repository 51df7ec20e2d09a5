/**
 * Bad input through the real CLI: every class of invalid input of the unit rejection table
 * (test/unit/rejections.test.ts, at least one per validator) makes a real `pulumi preview` and a
 * real `pulumi up` fail with the component's error — naming the field (and key), never showing a
 * value — while the API server gains no object. Invalid values that arrive as Outputs (an
 * Output, a config secret) fail when they resolve, with the same guarantees. What validation
 * cannot know (the cluster's state) is in cluster-state.test.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { makeTlsPair } from "../../tools/tls.ts";
import { captureUnhandledRejections } from "../support/unhandledRejections";
import { expectNoSecretInState, failure } from "./support/outcomes";
import { type TestStack, canary, createStack, findLeaks, importLibrary, useE2E } from "./harness";

const e2e = useE2E("bad-input");

type Library = typeof import("../../src/index.js");
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const MiB = 1024 * 1024;
const tls = makeTlsPair("bad-input.kubesecret.test");
const otherTls = makeTlsPair("other.kubesecret.test");
/** The private key lines of a PEM key (what must never be printed). */
const keyLines = (pem: string) => pem.split("\n").filter((l) => l.length >= 16 && !l.startsWith("-----"));

interface BadInput {
  what: string;
  /** The component's class, for the expected error subject. */
  className: string;
  /** Registers the invalid component named `name` in `namespace`. */
  make: (lib: Library, name: string, namespace: string) => unknown;
  /** What the error must say (field, key and rule). */
  message: RegExp;
  /** Values that must not appear in the error (nor, for secret values, anywhere). */
  canaries: string[];
}

/** Invalid input known when the program runs: the constructor throws, nothing registers. */
function syncCases(): BadInput[] {
  const c = () => canary("bad");
  const cases: BadInput[] = [];
  const add = (
    what: string,
    className: string,
    make: (lib: Library, name: string, namespace: string, value: string) => unknown,
    message: RegExp,
    extra: string[] = [],
  ) => {
    const value = c();
    cases.push({
      what,
      className,
      make: (lib, n, ns) => make(lib, n, ns, value),
      message,
      canaries: [value, ...extra],
    });
  };
  add(
    "name is not a DNS-1123 subdomain",
    "Secret",
    (lib, n, ns, v) => new lib.Secret(n, { namespace: ns, name: `${v}_X`, stringData: { a: "x" } }),
    /args\.name: must be a DNS-1123 subdomain/,
  );
  add(
    "namespace is not a DNS-1123 label",
    "BasicAuthSecret",
    (lib, n, _ns, v) => new lib.BasicAuthSecret(n, { namespace: `${v}.x`, username: "u", password: "p" }),
    /args\.namespace: /,
  );
  add(
    "generateName is invalid",
    "SshAuthSecret",
    (lib, n, ns, v) => new lib.SshAuthSecret(n, { namespace: ns, generateName: `_${v}`, privateKey: "k" }),
    /args\.generateName: /,
  );
  add(
    "a label value is invalid",
    "Secret",
    (lib, n, ns, v) => new lib.Secret(n, { namespace: ns, labels: { k: `-${v}-` }, stringData: { a: "x" } }),
    /args\.labels \(key "k"\): /,
  );
  add(
    "a label key is invalid",
    "SecureOpaqueSecret",
    (lib, n, ns, v) => new lib.SecureOpaqueSecret(n, { namespace: ns, labels: { "bad key": v }, stringData: { a: v } }),
    /args\.labels \(key "bad key"\): /,
  );
  add(
    "annotations exceed 256 KiB",
    "Secret",
    (lib, n, ns, v) =>
      new lib.Secret(n, { namespace: ns, annotations: { big: v + "x".repeat(256 * 1024) }, stringData: { a: "x" } }),
    /args\.annotations/,
  );
  add(
    "a data key has a slash",
    "Secret",
    (lib, n, ns, v) => new lib.Secret(n, { namespace: ns, stringData: { "a/b": v } }),
    /args\.stringData \(key "a\/b"\): data keys may contain only/,
  );
  add(
    "data is not canonical base64",
    "SecureOpaqueSecret",
    (lib, n, ns, v) => new lib.SecureOpaqueSecret(n, { namespace: ns, data: { k: `${b64(v)}\n` } }),
    /args\.data \(key "k"\): must be canonical base64/,
  );
  add(
    "a key is set in both data and stringData",
    "Secret",
    (lib, n, ns, v) => new lib.Secret(n, { namespace: ns, stringData: { k: v }, data: { k: b64(v) } }),
    /args\.data \(key "k"\): is also set by args\.stringData/,
  );
  add(
    "data exceeds 1 MiB",
    "Secret",
    (lib, n, ns, v) => new lib.Secret(n, { namespace: ns, stringData: { a: v + "x".repeat(MiB) } }),
    /at most 1048576 bytes/,
  );
  add(
    "the type is a misspelt built-in type",
    "Secret",
    (lib, n, ns, v) => new lib.Secret(n, { namespace: ns, type: "opaque", stringData: { a: v } }),
    /args\.type: .*did you mean "Opaque"/,
  );
  cases.push({
    what: "the TLS key does not match the certificate",
    className: "TlsSecret",
    make: (lib, n, ns) => new lib.TlsSecret(n, { namespace: ns, cert: tls.cert, key: otherTls.key }),
    message: /args\.key \(key "tls\.key"\): does not match the certificate/,
    canaries: keyLines(otherTls.key),
  });
  add(
    ".dockerconfigjson has no auths object",
    "DockerConfigSecret",
    (lib, n, ns, v) => new lib.DockerConfigSecret(n, { namespace: ns, dockerConfigJson: JSON.stringify({ creds: v }) }),
    /args\.dockerConfigJson \(key "\.dockerconfigjson"\): must be a JSON object with an "auths" object/,
  );
  add(
    ".dockerconfigjson is not JSON",
    "DockerConfigSecret",
    (lib, n, ns, v) => new lib.DockerConfigSecret(n, { namespace: ns, dockerConfigJson: `{"auths": ${v}` }),
    /must be valid JSON/,
  );
  add(
    "the ServiceAccount name is invalid",
    "ServiceAccountTokenSecret",
    (lib, n, ns, v) => new lib.ServiceAccountTokenSecret(n, { namespace: ns, serviceAccountName: `${v}_SA` }),
    /args\.serviceAccountName: must be a DNS-1123 subdomain/,
  );
  add(
    "name and generateName are both set",
    "Secret",
    (lib, n, ns, v) => new lib.Secret(n, { namespace: ns, name: "a", generateName: "b-", stringData: { a: v } }),
    /args\.generateName: cannot be combined with args\.name/,
  );
  return cases;
}

/** Invalid values that are Outputs: checked when they resolve (config holds `notBase64`, `tlsKey`). */
function outputCases(): BadInput[] {
  const value = canary("output");
  return [
    {
      what: "a data value from pulumi.output() is not base64",
      className: "Secret",
      make: (lib, n, ns) => new lib.Secret(n, { namespace: ns, data: { k: pulumi.output(value) } }),
      message: /args\.data \(key "k"\): must be canonical base64/,
      canaries: [value],
    },
    {
      what: "a data value from a config secret is not base64",
      className: "SecureOpaqueSecret",
      make: (lib, n, ns) =>
        new lib.SecureOpaqueSecret(n, { namespace: ns, data: { k: new pulumi.Config().requireSecret("notBase64") } }),
      message: /args\.data \(key "k"\): must be canonical base64/,
      canaries: [configValues.notBase64],
    },
    {
      what: "a TLS key from a config secret does not match the certificate",
      className: "TlsSecret",
      make: (lib, n, ns) =>
        new lib.TlsSecret(n, { namespace: ns, cert: tls.cert, key: new pulumi.Config().requireSecret("tlsKey") }),
      message: /args\.key \(key "tls\.key"\): does not match the certificate/,
      canaries: keyLines(otherTls.key),
    },
  ];
}

const configValues = { notBase64: `${canary("config")}!`, tlsKey: otherTls.key };

/** Secrets in a namespace, as `name uid` lines. */
async function secretsIn(namespace: string): Promise<string[]> {
  const list = await e2e.core.listNamespacedSecret({ namespace });
  return list.items.map((s) => `${s.metadata?.name} ${s.metadata?.uid}`).sort();
}

/** Secrets anywhere on the cluster named after a component of this file. */
async function strayObjects(): Promise<string[]> {
  const list = await e2e.core.listSecretForAllNamespaces({});
  return list.items
    .map((s) => `${s.metadata?.namespace}/${s.metadata?.name}`)
    .filter((n) => n.includes("badinput-invalid-"));
}

let current: BadInput | undefined;
let currentName = "";
let stack: TestStack;
let counter = 0;

beforeAll(async () => {
  // One stack for all cases: its program registers the case under test.
  stack = await createStack({
    name: "bad-input",
    config: {
      notBase64: { value: configValues.notBase64, secret: true },
      tlsKey: { value: configValues.tlsKey, secret: true },
    },
    program: async () => {
      const lib = await importLibrary();
      current!.make(lib, currentName, e2e.namespace);
    },
  });
});

describe.each([
  ...syncCases().map((c) => ({ ...c, when: "the program runs" })),
  ...outputCases().map((c) => ({ ...c, when: "the Output resolves" })),
])("fails when $what ($className, checked when $when)", (badInput) => {
  it("in preview and up, naming the field but no value, and creates nothing", async () => {
    current = badInput;
    currentName = `badinput-invalid-${++counter}`;
    const subject = `kubesecret:index:${badInput.className} "${currentName}" has invalid arguments`;
    const before = await secretsIn(e2e.namespace);
    const logStart = stack.log.length;

    // The inline program runs in this process: a failed registration may surface here as an
    // unhandled rejection too. Any that does must be this component's error, without a value.
    const unhandled = await captureUnhandledRejections(async () => {
      for (const operation of [() => stack.preview({ diff: true }), () => stack.up()]) {
        const error = await failure(operation());
        expect(error).toContain(subject);
        expect(error).toMatch(badInput.message);
        expect(findLeaks(error, badInput.canaries), "values in the error").toEqual([]);
      }
    });
    for (const message of unhandled) {
      expect(message).toContain(subject);
      expect(findLeaks(message, badInput.canaries), "values in an unhandled rejection").toEqual([]);
    }

    expect(await secretsIn(e2e.namespace), "Secrets in the namespace").toEqual(before);
    expect(await strayObjects(), "Secrets named after the component anywhere").toEqual([]);
    expectNoSecretInState(stack);
    // A constructor that throws registers nothing; a value that fails when it resolves does so
    // after the component registered: the component stays in the state, without a child.
    const components = (stack.state().checkpoint.latest?.resources ?? []).filter(
      (r: { type: string }) => r.type === `kubesecret:index:${badInput.className}`,
    );
    expect(components).toHaveLength(badInput.when === "the program runs" ? 0 : 1);
    const printed = stack.log.slice(logStart).join("");
    expect(findLeaks(printed, badInput.canaries), "values in CLI output and engine events").toEqual([]);
  });
});
