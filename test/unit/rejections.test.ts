/**
 * Every invalid input of every class: the constructor throws a ResourceError that names the
 * field and key, registers nothing, and never contains a value (canary scan).
 */
import * as pulumi from "@pulumi/pulumi";
import { beforeEach, describe, expect, it } from "vitest";
import * as kubesecret from "../../src";
import { CANARY, classCases, tls } from "./fixtures";
import { resetRegistrations } from "./mocks";
import { uniqueName } from "./outputValues";
import { type Rejection, expectRejected } from "./rejected";
import { makeTlsPair } from "../../tools/tls.ts";

beforeEach(resetRegistrations);

const b64 = (s: string) => Buffer.from(s).toString("base64");
const otherKey = makeTlsPair("other.test").key;

const metadataRejections = (
  Class: (typeof classCases)[number]["Class"],
  args: () => Record<string, unknown>,
): Rejection[] => [
  {
    what: "name carries a value-like string",
    make: (n) => new Class(n, { ...args(), name: `${CANARY}_X` } as never),
    message: /args\.name/,
  },
  {
    what: "label value is invalid",
    make: (n) => new Class(n, { ...args(), labels: { k: `-${CANARY}-` } } as never),
    message: /args\.labels \(key "k"\)/,
  },
  {
    what: "namespace is invalid",
    make: (n) => new Class(n, { ...args(), namespace: `${CANARY}.x` } as never),
    message: /args\.namespace/,
  },
  {
    what: "generateName is invalid",
    make: (n) => new Class(n, { ...args(), generateName: `_${CANARY}` } as never),
    message: /args\.generateName/,
  },
];

const rejections: Rejection[] = [
  ...classCases.flatMap((c) =>
    metadataRejections(c.Class, c.args).map((r) => ({ ...r, what: `${c.className}: ${r.what}` })),
  ),
  {
    what: "Secret: data is not base64",
    make: (n) => new kubesecret.Secret(n, { data: { k: CANARY } }),
    message: /args\.data \(key "k"\): must be canonical base64/,
  },
  {
    what: "Secret: data is wrapped base64",
    make: (n) => new kubesecret.Secret(n, { data: { k: `${b64(CANARY)}\n` } }),
    message: /canonical base64/,
  },
  {
    what: "Secret: key in data and stringData",
    make: (n) => new kubesecret.Secret(n, { stringData: { k: CANARY }, data: { k: b64(CANARY) } }),
    message: /args\.data \(key "k"\): is also set by args\.stringData/,
  },
  {
    what: "Secret: data key has a slash",
    make: (n) => new kubesecret.Secret(n, { stringData: { "a/b": CANARY } }),
    message: /args\.stringData \(key "a\/b"\): data keys may contain only/,
  },
  {
    what: "Secret: data key has a slash, although its value is an Output",
    make: (n) => new kubesecret.Secret(n, { stringData: { "a/b": pulumi.output(CANARY) } }),
    message: /args\.stringData \(key "a\/b"\): data keys may contain only/,
  },
  {
    what: "Secret: key in data and stringData, although both values are Outputs",
    make: (n) =>
      new kubesecret.Secret(n, { stringData: { k: pulumi.output(CANARY) }, data: { k: pulumi.output(b64(CANARY)) } }),
    message: /args\.data \(key "k"\): is also set by args\.stringData/,
  },
  {
    what: "Secret: a data value is not base64, although another is an Output",
    make: (n) => new kubesecret.Secret(n, { data: { k: CANARY, later: pulumi.output(b64(CANARY)) } }),
    message: /args\.data \(key "k"\): must be canonical base64/,
  },
  {
    what: "Secret: key is '..'",
    make: (n) => new kubesecret.Secret(n, { stringData: { "..": CANARY } }),
    message: /must not be '\.' or '\.\.'/,
  },
  {
    what: "Secret: over 1 MiB",
    make: (n) => new kubesecret.Secret(n, { stringData: { a: CANARY + "x".repeat(1024 * 1024) } }),
    message: /at most 1048576 bytes/,
  },
  {
    what: "Secret: type 'opaque'",
    make: (n) => new kubesecret.Secret(n, { type: "opaque", stringData: { a: CANARY } }),
    message: /args\.type: .*did you mean "Opaque"/,
  },
  {
    what: "Secret: type with stray dot",
    make: (n) => new kubesecret.Secret(n, { type: "kubernetes.io/.dockerconfigjson", stringData: { a: CANARY } }),
    message: /did you mean "kubernetes\.io\/dockerconfigjson"/,
  },
  {
    what: "Secret: tls type without tls.key",
    make: (n) => new kubesecret.Secret(n, { type: "kubernetes.io/tls", stringData: { "tls.crt": tls.cert } }),
    message: /\(key "tls\.key"\): is required for type "kubernetes\.io\/tls"/,
  },
  {
    what: "Secret: basic-auth type without either key",
    make: (n) => new kubesecret.Secret(n, { type: "kubernetes.io/basic-auth", stringData: { user: CANARY } }),
    message: /needs at least one of the keys "username", "password"/,
  },
  {
    what: "Secret: service-account-token without annotation",
    make: (n) => new kubesecret.Secret(n, { type: "kubernetes.io/service-account-token" }),
    message: /kubernetes\.io\/service-account\.name"\): is required/,
  },
  {
    what: "Secret: dockercfg not JSON",
    make: (n) =>
      new kubesecret.Secret(n, { type: "kubernetes.io/dockercfg", stringData: { ".dockercfg": `{${CANARY}` } }),
    message: /\(key "\.dockercfg"\): must be valid JSON/,
  },
  {
    what: "SecureOpaqueSecret: data not base64",
    make: (n) => new kubesecret.SecureOpaqueSecret(n, { data: { k: `${CANARY}!` } }),
    message: /canonical base64/,
  },
  {
    what: "SshAuthSecret: empty key",
    make: (n) => new kubesecret.SshAuthSecret(n, { privateKey: "", knownHosts: CANARY }),
    message: /args\.privateKey \(key "ssh-privatekey"\): must not be empty/,
  },
  {
    what: "TlsSecret: cert is not PEM",
    make: (n) => new kubesecret.TlsSecret(n, { cert: CANARY, key: tls.key }),
    message: /args\.cert \(key "tls\.crt"\): must be a PEM-encoded X\.509 certificate/,
  },
  {
    what: "TlsSecret: cert is a broken PEM",
    make: (n) =>
      new kubesecret.TlsSecret(n, {
        cert: `-----BEGIN CERTIFICATE-----\n${CANARY}\n-----END CERTIFICATE-----\n`,
        key: tls.key,
      }),
    message: /args\.cert/,
  },
  {
    what: "TlsSecret: key is not PEM",
    make: (n) => new kubesecret.TlsSecret(n, { cert: tls.cert, key: CANARY }),
    message: /args\.key \(key "tls\.key"\): must be a PEM-encoded private key/,
  },
  {
    what: "TlsSecret: key does not match",
    make: (n) => new kubesecret.TlsSecret(n, { cert: tls.cert, key: otherKey }),
    message: /args\.key \(key "tls\.key"\): does not match the certificate/,
  },
  {
    what: "TlsSecret: caCert is not PEM",
    make: (n) => new kubesecret.TlsSecret(n, { cert: tls.cert, key: tls.key, caCert: CANARY }),
    message: /args\.caCert \(key "ca\.crt"\)/,
  },
  {
    what: "DockerConfigSecret: neither source",
    make: (n) => new kubesecret.DockerConfigSecret(n, {}),
    message: /set exactly one of args\.registries and args\.dockerConfigJson/,
  },
  {
    what: "DockerConfigSecret: both sources",
    make: (n) => new kubesecret.DockerConfigSecret(n, { registries: [], dockerConfigJson: CANARY }),
    message: /set exactly one/,
  },
  {
    what: "DockerConfigSecret: empty registries",
    make: (n) => new kubesecret.DockerConfigSecret(n, { registries: [] }),
    message: /must list at least one registry/,
  },
  {
    what: "DockerConfigSecret: username with ':'",
    make: (n) =>
      new kubesecret.DockerConfigSecret(n, {
        registries: [{ server: "r.test", username: `a:${CANARY}`, password: CANARY }],
      }),
    message: /args\.registries\[0\]\.username/,
  },
  {
    what: "DockerConfigSecret: duplicate server",
    make: (n) =>
      new kubesecret.DockerConfigSecret(n, {
        registries: [
          { server: "r.test", username: "a", password: CANARY },
          { server: "r.test", username: "b", password: CANARY },
        ],
      }),
    message: /args\.registries\[1\]\.server: names the same registry/,
  },
  {
    what: "DockerConfigSecret: JSON without auths",
    make: (n) => new kubesecret.DockerConfigSecret(n, { dockerConfigJson: JSON.stringify({ creds: CANARY }) }),
    message: /must be a JSON object with an "auths" object/,
  },
  {
    what: "DockerConfigSecret: JSON is broken",
    make: (n) => new kubesecret.DockerConfigSecret(n, { dockerConfigJson: `{"auths": ${CANARY}` }),
    message: /must be valid JSON/,
  },
  {
    what: "ServiceAccountTokenSecret: invalid account name",
    make: (n) => new kubesecret.ServiceAccountTokenSecret(n, { serviceAccountName: `${CANARY}_SA` }),
    message: /args\.serviceAccountName: must be a DNS-1123 subdomain/,
  },
];

describe("rejected input", () => {
  it.each(rejections)("fails when $what, naming the field, with no value and nothing registered", expectRejected);

  it("lists every problem at once", () => {
    expect(
      () =>
        new kubesecret.Secret(uniqueName("many"), { name: "Bad_Name", labels: { "bad key": "v" }, data: { k: "???" } }),
    ).toThrow(/args\.name[\s\S]*args\.labels/);
  });
});
