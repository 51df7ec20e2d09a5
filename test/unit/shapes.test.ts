/**
 * Arguments of the wrong shape, as YAML, Python or `as any` can pass them: each is a problem in
 * the usual error, named by field, with no value in it, and nothing is registered or sent.
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { CANARY, classCases, tls } from "./fixtures";
import { registrations, resetRegistrations } from "./mocks";
import { uniqueName } from "./outputValues";
import { type Rejection, expectNoValueIn, expectRejected } from "./rejected";
import { expectUnhandledRejections } from "../support/unhandledRejections";

beforeEach(resetRegistrations);

/** A canary value with a lone surrogate inside: neither the value nor its surroundings may print. */
const LONE_HIGH = `${CANARY}\uD800${CANARY}`;
const LONE_LOW = `\uDC00${CANARY}`;
const registry = { server: "r.test", username: "u", password: CANARY };

const metadataShapes = (c: (typeof classCases)[number]): Rejection[] =>
  (
    [
      ["labels is a list", { labels: [CANARY] }, /args\.labels: must be a map of strings \(key → value\), not a list/],
      [
        "annotations is a string",
        { annotations: CANARY },
        /args\.annotations: must be a map of strings .*not a string/,
      ],
      [
        "a label value is a number",
        { labels: { k: 7 } },
        /args\.labels \(key "k"\): value must be a string, not a number/,
      ],
      ["name is a number", { name: 42 }, /args\.name: must be a string, not a number/],
      ["namespace is an object", { namespace: { ns: CANARY } }, /args\.namespace: must be a string, not an object/],
      ["namespace is null", { namespace: null }, /args\.namespace: must be a string, not null/],
      ["generateName is a number", { generateName: 7 }, /args\.generateName: must be a string, not a number/],
      [
        "generateName is an Output",
        { generateName: pulumi.output("gen-") },
        /args\.generateName: must be a plain string \(it names the child resource\), not an Output/,
      ],
      ["immutable is a string", { immutable: "yes" }, /args\.immutable: must be a boolean, not a string/],
      ["trackRevision is a string", { trackRevision: "true" }, /args\.trackRevision: must be a boolean, not a string/],
      [
        "trackRevision is an Output",
        { trackRevision: pulumi.output(true) },
        /args\.trackRevision: must be a plain boolean \(it decides which resources are registered\), not an Output/,
      ],
      [
        "trackRevision is a Promise",
        { trackRevision: Promise.resolve(true) },
        /args\.trackRevision: must be a plain boolean/,
      ],
      [
        "an annotation value holds a lone surrogate",
        { annotations: { k: LONE_HIGH } },
        /args\.annotations \(key "k"\): value must be well-formed Unicode, without a lone UTF-16 surrogate/,
      ],
      [
        "an annotation key holds a lone surrogate",
        { annotations: { "example.com/\uDC00": CANARY } },
        /args\.annotations: every key must be well-formed Unicode/,
      ],
    ] as const
  ).map(([what, extra, message]) => ({
    what: `${c.className}: ${what}`,
    make: (n: string) => new c.Class(n, { ...c.args(), ...extra } as never),
    message,
  }));

const classShapes: Rejection[] = [
  {
    what: "Secret: stringData is a string",
    make: (n) => new kubesecret.Secret(n, { stringData: CANARY as never }),
    message: /args\.stringData: must be a map of strings \(key → value\), not a string/,
  },
  {
    what: "Secret: data is a list",
    make: (n) => new kubesecret.Secret(n, { data: [Buffer.from(CANARY).toString("base64")] as never }),
    message: /args\.data: must be a map of strings \(key → value\), not a list/,
  },
  {
    what: "Secret: a stringData value is a number",
    make: (n) => new kubesecret.Secret(n, { stringData: { k: 5, other: CANARY } as never }),
    message: /args\.stringData \(key "k"\): value must be a string, not a number/,
  },
  {
    what: "Secret: a stringData value holds a lone high surrogate",
    make: (n) => new kubesecret.Secret(n, { stringData: { k: LONE_HIGH } }),
    message: /args\.stringData \(key "k"\): value must be well-formed Unicode/,
  },
  {
    what: "Secret: a stringData value starts with a lone low surrogate",
    make: (n) => new kubesecret.Secret(n, { stringData: { k: LONE_LOW } }),
    message: /args\.stringData \(key "k"\): value must be well-formed Unicode/,
  },
  {
    what: "Secret: type is a number",
    make: (n) => new kubesecret.Secret(n, { type: 42 as never, stringData: { k: CANARY } }),
    message: /args\.type: must be a string, not a number/,
  },
  {
    what: "SecureOpaqueSecret: stringData is null",
    make: (n) => new kubesecret.SecureOpaqueSecret(n, { stringData: null as never, data: { k: "YQ==" } }),
    message: /args\.stringData: must be a map of strings \(key → value\), not null/,
  },
  {
    what: "BasicAuthSecret: password is a number",
    make: (n) => new kubesecret.BasicAuthSecret(n, { username: CANARY, password: 42 as never }),
    message: /args\.password: must be a string, not a number/,
  },
  {
    what: "BasicAuthSecret: password holds a lone surrogate",
    make: (n) => new kubesecret.BasicAuthSecret(n, { username: "u", password: LONE_HIGH }),
    message: /args\.password: must be well-formed Unicode/,
  },
  {
    what: "BasicAuthSecret: username is a list",
    make: (n) => new kubesecret.BasicAuthSecret(n, { username: [CANARY] as never, password: CANARY }),
    message: /args\.username: must be a string, not a list/,
  },
  {
    what: "SshAuthSecret: privateKey is an object",
    make: (n) => new kubesecret.SshAuthSecret(n, { privateKey: { pem: CANARY } as never }),
    message: /args\.privateKey: must be a string, not an object/,
  },
  {
    what: "TlsSecret: cert is bytes",
    make: (n) => new kubesecret.TlsSecret(n, { cert: Buffer.from(CANARY) as never, key: tls.key }),
    message: /args\.cert: must be a string, not bytes/,
  },
  {
    what: "TlsSecret: key holds a lone surrogate",
    make: (n) => new kubesecret.TlsSecret(n, { cert: tls.cert, key: `${tls.key}\uDBFF` }),
    message: /args\.key: must be well-formed Unicode/,
  },
  {
    what: "DockerConfigSecret: registries holds null",
    make: (n) => new kubesecret.DockerConfigSecret(n, { registries: [registry, null as never] }),
    message: /args\.registries\[1\]: must be an object, not null/,
  },
  {
    what: "DockerConfigSecret: registries is a string",
    make: (n) => new kubesecret.DockerConfigSecret(n, { registries: CANARY as never }),
    message: /args\.registries: must be a list, not a string/,
  },
  {
    what: "DockerConfigSecret: registries is a map by server",
    make: (n) => new kubesecret.DockerConfigSecret(n, { registries: { "r.test": registry } as never }),
    message: /args\.registries: must be a list, not an object/,
  },
  {
    what: "DockerConfigSecret: a password is a number",
    make: (n) => new kubesecret.DockerConfigSecret(n, { registries: [{ ...registry, password: 42 as never }] }),
    message: /args\.registries\[0\]\.password: must be a string, not a number/,
  },
  {
    what: "DockerConfigSecret: a password holds a lone surrogate",
    make: (n) => new kubesecret.DockerConfigSecret(n, { registries: [{ ...registry, password: LONE_HIGH }] }),
    message: /args\.registries\[0\]\.password: must be well-formed Unicode/,
  },
  {
    what: "DockerConfigSecret: dockerConfigJson is an object",
    make: (n) => new kubesecret.DockerConfigSecret(n, { dockerConfigJson: { auths: { r: CANARY } } as never }),
    message: /args\.dockerConfigJson: must be a string, not an object/,
  },
  {
    what: "ServiceAccountTokenSecret: serviceAccountName is a number",
    make: (n) => new kubesecret.ServiceAccountTokenSecret(n, { serviceAccountName: 42 as never }),
    message: /args\.serviceAccountName: must be a string, not a number/,
  },
];

describe("arguments of the wrong shape", () => {
  it.each([...classCases.flatMap(metadataShapes), ...classShapes])(
    "fails when $what, naming the field, with no value and nothing registered",
    expectRejected,
  );

  it("lists the other problems too, without reading the misshapen argument", () => {
    expect(() => new kubesecret.Secret(uniqueName("many"), { name: "Bad_Name", stringData: CANARY as never })).toThrow(
      /args\.stringData: must be a map[\s\S]*args\.name: must be a DNS-1123 subdomain/,
    );
  });
});

/** The consequence an error states when the arguments fail once their Outputs resolve. */
const AFTER_REGISTRATION =
  "found once its Outputs resolved; the Secret was not sent (an existing one is left as it was), but";

describe("an Output that resolves to the wrong shape", () => {
  it.each([
    ["stringData is a string", { stringData: pulumi.output(CANARY) }, /args\.stringData: must be a map of strings/],
    ["labels is a list", { labels: pulumi.output([CANARY]) }, /args\.labels: must be a map of strings .*not a list/],
    ["immutable is a string", { immutable: pulumi.output("yes") }, /args\.immutable: must be a boolean, not a string/],
    [
      "a value holds a lone surrogate",
      { stringData: { k: pulumi.output(LONE_HIGH) } },
      /args\.stringData \(key "k"\): value must be well-formed Unicode/,
    ],
  ])("fails when %s, before the Secret is sent, with no value", async (_what, extra, message) => {
    const name = uniqueName("resolved-shape");
    // The child's registration fails, as an unhandled rejection that carries the error (with
    // @pulumi/pulumi 3.208 the child's outputs never settle, so the test reads it there).
    const rejections = await expectUnhandledRejections(
      async () => void new kubesecret.Secret(name, extra as never),
      `"${name}" has invalid arguments; ${AFTER_REGISTRATION}`,
    );
    for (const rejection of rejections) {
      expect(rejection).toMatch(message);
      expectNoValueIn(rejection);
    }
    expect(registrations.map((r) => r.type)).toEqual(["kubesecret:index:Secret"]);
  });

  it("fails when registries resolve to a list holding null, without a raw TypeError", async () => {
    const name = uniqueName("resolved-registries");
    const rejections = await expectUnhandledRejections(
      async () => void new kubesecret.DockerConfigSecret(name, { registries: pulumi.output([null as never]) }),
      `"${name}" has invalid arguments`,
    );
    for (const rejection of rejections) {
      expect(rejection).toMatch(/args\.registries\[0\]: must be an object, not null/);
      expect(rejection).not.toMatch(/TypeError/);
    }
    expect(registrations.map((r) => r.type)).toEqual(["kubesecret:index:DockerConfigSecret"]);
  });
});

describe("the error says what was registered", () => {
  it("says nothing was created when the arguments fail before the component registers", () => {
    expect(() => new kubesecret.Secret(uniqueName("before"), { data: { k: CANARY } })).toThrow(
      /has invalid arguments; nothing was created:\n {2}- args\.data/,
    );
    expect(registrations).toEqual([]);
  });

  it.each([
    [false, "the component had already been registered, so an update keeps it in the stack"],
    [true, "the component and its revision key had already been registered, so an update keeps them in the stack"],
  ])("says the component stays when an Output fails (trackRevision %s), and it is so", async (trackRevision, told) => {
    const name = uniqueName("resolved-told");
    await expectUnhandledRejections(
      async () => void new kubesecret.Secret(name, { data: { k: pulumi.output(CANARY) }, trackRevision }),
      `"${name}" has invalid arguments; ${AFTER_REGISTRATION} ${told}:`,
    );
    const registered = registrations.map((r) => r.type).sort();
    expect(registered).toEqual(
      trackRevision ? ["kubesecret:index:Secret", "pulumi:index:Stash"] : ["kubesecret:index:Secret"],
    );
  });
});
